// The SalesBot playground: Web Chat over the Host's Direct Line-compatible endpoints (polling).
// Pick a demo member; the 1:1 pane is your chat with the bot, the channel pane is the team channel
// where wins are celebrated.
(async function () {
  const personSelect = document.getElementById('person');
  const roleLabel = document.getElementById('role');
  const domain = `${location.origin}/v3/directline`;

  const { team, people } = await (await fetch('/playground/api/people')).json();
  if (!people.length) {
    document.getElementById('chat').textContent = 'No demo team yet. Start the Host in Development to seed one.';
    return;
  }

  for (const p of people) {
    const option = document.createElement('option');
    option.value = p.id;
    option.textContent = `${p.name} (${p.role.toLowerCase()})`;
    personSelect.appendChild(option);
  }
  const requested = new URLSearchParams(location.search).get('as');
  const firstRep = people.find(p => p.role !== 'Manager') || people[0];
  personSelect.value = people.some(p => p.id === requested) ? requested : firstRep.id;
  if (team) document.getElementById('channel-title').textContent = `# ${team.name}`;

  const styleOptions = { hideUploadButton: true, botAvatarInitials: 'SB', bubbleMaxWidth: 640, sendTypingIndicator: false };

  async function connect(element, person, teamId) {
    const query = teamId ? `?teamId=${encodeURIComponent(teamId)}` : '';
    const { token } = await (await fetch(`${domain}/tokens/generate${query}`, { method: 'POST' })).json();
    const directLine = window.WebChat.createDirectLine({ domain, token, webSocket: false, pollingInterval: 500 });
    window.WebChat.renderWebChat({ directLine, userID: person.id, username: person.name, styleOptions, locale: 'en-US' }, element);
    // Say hello so the bot greets, as it does when installed in Teams or opened in Slack.
    directLine.postActivity({ type: 'event', name: 'webchat/join', from: { id: person.id, name: person.name } }).subscribe();
    return directLine;
  }

  let connections = [];
  async function start() {
    connections.forEach(c => c.end && c.end());
    const person = people.find(p => p.id === personSelect.value);
    roleLabel.textContent = `${person.role} · ${person.timeZone}`;
    document.getElementById('chat-title').textContent = `1:1 chat: ${person.name} and SalesBot`;
    for (const id of ['chat', 'channel']) {
      const old = document.getElementById(id);
      const fresh = old.cloneNode(false);
      old.replaceWith(fresh);
    }
    connections = [await connect(document.getElementById('chat'), person, null)];
    if (team) connections.push(await connect(document.getElementById('channel'), person, team.id));
    document.querySelector('#chat input[type=text], #chat textarea')?.focus();
  }

  // Development only: the Host answers /playground/api/clock when its clock may be moved.
  const clockControls = document.getElementById('clock-controls');
  const clockLabel = document.getElementById('clock');
  function showClock(now) {
    const person = people.find(p => p.id === personSelect.value);
    const format = new Intl.DateTimeFormat('en-GB', { timeZone: person.timeZone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
    clockLabel.textContent = `🕒 ${format.format(new Date(now))} (${person.name}'s time)`;
  }
  let clockNow = null;
  const clock = await fetch('/playground/api/clock');
  if (clock.ok) {
    clockNow = (await clock.json()).now;
    clockControls.hidden = false;
    for (const button of clockControls.querySelectorAll('button')) {
      button.addEventListener('click', async () => {
        const body = button.dataset.to ? { to: button.dataset.to } : { advanceMinutes: Number(button.dataset.advance) };
        clockControls.querySelectorAll('button').forEach(b => { b.disabled = true; });
        try {
          const response = await fetch('/playground/api/clock', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
          const answer = await response.json();
          if (response.ok) { clockNow = answer.now; showClock(clockNow); } else { clockLabel.textContent = answer.error; }
        } finally {
          clockControls.querySelectorAll('button').forEach(b => { b.disabled = false; });
        }
      });
    }
  }

  personSelect.addEventListener('change', () => { if (clockNow) showClock(clockNow); start(); });
  if (clockNow) showClock(clockNow);
  await start();
})();
