/*
 * Pre-screening chat widget: a text-only chat panel that talks to Rasa's socket.io channel.
 *
 * Embed it with one script tag; it loads its stylesheet and the vendored socket.io client from the
 * folder it was loaded from:
 *
 *   <script type="application/json" id="prescreen-chat-config">
 *     {"serverUrl": "http://localhost:5005", "title": "Study pre-screening assistant",
 *      "language": "en", "privacyUrl": "/privacy", "colours": {"primary": "#0b3d91"}}
 *   </script>
 *   <script src="/static/chat-widget.js" defer></script>
 *
 * The JSON block is data, never executed, so a Content-Security-Policy without 'unsafe-inline' allows
 * it. Pages that may run inline scripts can set `window.PrescreenChat = {...}` instead. Any element
 * with a `data-prescreen-chat-open` attribute opens the chat when clicked. See docs/web-widget.md.
 *
 * Protocol (rasa/core/channels/socketio.py, credentials.yml `socketio:` with session_persistence):
 *   client -> session_request {session_id}     server -> session_confirm <session_id>
 *   client -> user_uttered {message, session_id}
 *   server -> bot_uttered {text, quick_replies?: [{content_type, title, payload}]}
 *
 * Safety: everything shown comes from textContent / createTextNode, never from HTML parsing, so a bot
 * or user message such as `<img src=x onerror=alert(1)>` is shown literally and runs nothing
 * (tests/web/test_site.py checks that this file never uses the HTML-parsing DOM APIs).
 */
(function () {
  "use strict";

  var SCRIPT = document.currentScript || document.querySelector('script[src$="chat-widget.js"]');
  if (!SCRIPT || window.PrescreenChatWidget) {
    return; // no way to find our files, or the widget is already on the page
  }

  // ----- configuration -------------------------------------------------------------------------

  var DEFAULTS = {
    serverUrl: "http://localhost:5005",
    socketPath: "/socket.io",
    title: "Study pre-screening assistant",
    language: "en",
    privacyUrl: "/privacy",
    // Sent, unseen, when a conversation starts, so the bot greets and asks for consent.
    greeting: "hi",
    // Colours chosen for WCAG AA contrast (docs/web-widget.md lists each pair): primary #0b3d91 and
    // white are 10.0:1 either way round, text #1a1a1a on the bot bubble #eef2f8 is 15.5:1.
    colours: {
      primary: "#0b3d91",
      onPrimary: "#ffffff",
      background: "#ffffff",
      text: "#1a1a1a",
      botBubble: "#eef2f8",
      focus: "#0b3d91",
    },
    texts: {
      launcher: "Chat: check if a study may fit you",
      close: "Close chat",
      startOver: "Start over",
      log: "Conversation",
      assistant: "Assistant",
      you: "You",
      inputLabel: "Your message",
      placeholder: "Type your answer…",
      send: "Send",
      typing: "The assistant is typing…",
      privacy: "Privacy notice",
      newTab: "(opens in a new tab)",
      notAdvice: "Not medical advice. The study team makes the final decision.",
      answerOptions: "Answer options",
      offline: "Can't reach the assistant right now. Trying again…",
      offlineQueued: "Your messages will be sent when the connection is back.",
      waiting: "Waiting to send",
      resumed:
        "You have a conversation in progress on this device. Its earlier messages are not shown " +
        "in a new tab, so that health answers do not stay on a shared computer. You can carry on, " +
        "or choose “Start over”.",
      misconfigured: "The chat is not set up correctly (serverUrl must start with http:// or https://).",
    },
  };

  // The widget's own words in each language it offers; the page's `texts` override them.
  var TEXTS = {
    en: DEFAULTS.texts,
    zh: {
      launcher: "在线咨询：看看哪项研究可能适合您",
      close: "关闭对话",
      startOver: "重新开始",
      log: "对话记录",
      assistant: "助手",
      you: "您",
      inputLabel: "您的消息",
      placeholder: "请输入您的回答…",
      send: "发送",
      typing: "助手正在输入…",
      privacy: "隐私说明",
      newTab: "（在新标签页打开）",
      notAdvice: "这里不提供医疗建议。最终由研究团队决定。",
      answerOptions: "可选回答",
      offline: "暂时连接不上助手，正在重试…",
      offlineQueued: "网络恢复后，您的消息会自动发出。",
      waiting: "等待发送",
      resumed:
        "这台设备上有一段未完成的对话。为了不让健康信息留在公用电脑上，新标签页不显示之前的消息。" +
        "您可以接着回答，也可以点“重新开始”。",
      misconfigured: "对话窗口设置有误（serverUrl 必须以 http:// 或 https:// 开头）。",
    },
  };
  var TITLES = { en: "Study pre-screening assistant", zh: "临床研究预筛查助手" };
  // The switch names the other language in that language, as people look for it.
  var LANGUAGE_NAMES = { en: "English", zh: "中文" };
  var SWITCH_LABELS = { en: "Switch the chat to Chinese", zh: "切换为英文" };

  var COLOUR_VARS = {
    primary: "--psc-primary",
    onPrimary: "--psc-on-primary",
    background: "--psc-background",
    text: "--psc-text",
    botBubble: "--psc-bot-bubble",
    focus: "--psc-focus",
  };

  function readConfig() {
    var fromJson = {};
    var block = document.getElementById(SCRIPT.getAttribute("data-config") || "prescreen-chat-config");
    if (block && block.textContent.trim()) {
      try {
        fromJson = JSON.parse(block.textContent);
      } catch (error) {
        console.error("prescreen chat: the configuration block is not valid JSON:", error);
      }
    }
    var fromWindow = window.PrescreenChat && typeof window.PrescreenChat === "object" ? window.PrescreenChat : {};
    var config = Object.assign({}, DEFAULTS, fromJson, fromWindow);
    config.language = TEXTS[config.language] ? config.language : "en";
    config.colours = Object.assign({}, DEFAULTS.colours, fromJson.colours, fromWindow.colours);
    config.pageTexts = Object.assign({}, fromJson.texts, fromWindow.texts);
    config.pageTitle = fromWindow.title || fromJson.title;
    return config;
  }

  var config = readConfig();
  var T = {};

  function useLanguage(language) {
    // The page's own texts and title are in the page's language: they count only for it.
    var page = language === readConfig().language;
    T = Object.assign({}, TEXTS[language], page ? config.pageTexts : {});
    config.title = (page && config.pageTitle) || TITLES[language];
    config.language = language;
  }

  // ----- storage -------------------------------------------------------------------------------
  // The session id lives in localStorage: it is an unguessable random value (128 bits) that Rasa uses
  // as the conversation id, so a reload, or the same site in another tab, continues the same
  // conversation on the server. The visible transcript lives in sessionStorage: it survives a reload
  // of this tab but is dropped when the tab closes, so health answers do not linger in the browser
  // of a shared computer. A new tab that finds a session id but no transcript therefore continues the
  // conversation without showing it, and says so (texts.resumed); "Start over" begins a fresh one.

  var SESSION_KEY = "prescreen-chat.session-id";
  var TRANSCRIPT_KEY = "prescreen-chat.transcript";
  var SESSION_ID_PATTERN = /^[0-9a-f]{32}$/;

  function storageGet(storage, key) {
    try {
      return window[storage].getItem(key);
    } catch (error) {
      return null; // storage disabled (private mode, blocked cookies): the chat still works, unsaved
    }
  }

  function storageSet(storage, key, value) {
    try {
      if (value === null) {
        window[storage].removeItem(key);
      } else {
        window[storage].setItem(key, value);
      }
    } catch (error) {
      // Full or disabled storage: nothing to do but carry on without saving.
    }
  }

  function newSessionId() {
    // getRandomValues works on plain http too (randomUUID needs a secure context).
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map
      .call(bytes, function (b) {
        return ("0" + b.toString(16)).slice(-2);
      })
      .join("");
  }

  function loadState() {
    var saved = null;
    try {
      saved = JSON.parse(storageGet("sessionStorage", TRANSCRIPT_KEY) || "null");
    } catch (error) {
      saved = null;
    }
    if (saved && SESSION_ID_PATTERN.test(saved.sessionId) && Array.isArray(saved.messages)) {
      return saved; // a reload of this tab: show the conversation again
    }
    var stored = storageGet("localStorage", SESSION_KEY);
    if (stored && SESSION_ID_PATTERN.test(stored)) {
      // A conversation begun in another tab or before the browser closed: continue it, unseen.
      return { sessionId: stored, greeted: true, open: false, messages: [{ from: "note", text: T.resumed }] };
    }
    return freshState();
  }

  function freshState() {
    var id = newSessionId();
    storageSet("localStorage", SESSION_KEY, id);
    return { sessionId: id, greeted: false, open: false, messages: [] };
  }

  function saveState() {
    storageSet("sessionStorage", TRANSCRIPT_KEY, JSON.stringify(state));
  }

  useLanguage(config.language);
  var state = loadState();
  if (state.language && TEXTS[state.language]) {
    useLanguage(state.language); // the person switched language earlier in this conversation
  }

  // ----- DOM -----------------------------------------------------------------------------------

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  var root = el("div", "psc-root");
  root.id = "prescreen-chat";
  root.lang = config.language;
  root.setAttribute("data-connection", "idle");
  Object.keys(COLOUR_VARS).forEach(function (name) {
    // CSSOM custom properties, not a style attribute: allowed by a CSP without 'unsafe-inline'.
    if (config.colours[name]) {
      root.style.setProperty(COLOUR_VARS[name], config.colours[name]);
    }
  });

  var launcher = el("button", "psc-launcher", T.launcher);
  launcher.type = "button";
  launcher.id = "prescreen-chat-launcher";
  launcher.setAttribute("aria-expanded", "false");
  launcher.setAttribute("aria-controls", "prescreen-chat-panel");

  var panel = el("section", "psc-panel");
  panel.id = "prescreen-chat-panel";
  panel.hidden = true;
  panel.setAttribute("role", "dialog");
  panel.setAttribute("aria-modal", "false"); // the page stays usable beside the chat
  panel.setAttribute("aria-labelledby", "prescreen-chat-title");

  var header = el("div", "psc-header");
  var title = el("h2", "psc-title", config.title);
  title.id = "prescreen-chat-title";
  var startOverButton = el("button", "psc-start-over", T.startOver);
  startOverButton.type = "button";
  startOverButton.id = "prescreen-chat-start-over";
  var closeButton = el("button", "psc-close");
  closeButton.type = "button";
  closeButton.id = "prescreen-chat-close";
  closeButton.setAttribute("aria-label", T.close);
  closeButton.appendChild(el("span", "", "×")).setAttribute("aria-hidden", "true");
  var languageButton = el("button", "psc-language");
  languageButton.type = "button";
  languageButton.id = "prescreen-chat-language";
  header.append(title, languageButton, startOverButton, closeButton);

  // Always in the DOM and usually empty: screen readers announce text put into an existing status
  // region more reliably than a region that appears with its text.
  var status = el("p", "psc-status");
  status.id = "prescreen-chat-status";
  status.setAttribute("role", "status");

  var log = el("div", "psc-log");
  log.id = "prescreen-chat-log";
  log.setAttribute("role", "log");
  log.setAttribute("aria-live", "polite");
  log.setAttribute("aria-label", T.log);
  log.tabIndex = 0; // a scrollable region must be reachable by keyboard

  var typing = el("p", "psc-typing", T.typing);
  typing.id = "prescreen-chat-typing";
  typing.hidden = true;

  var form = el("form", "psc-form");
  form.id = "prescreen-chat-form";
  form.noValidate = true;
  var inputLabel = el("label", "psc-visually-hidden", T.inputLabel);
  inputLabel.htmlFor = "prescreen-chat-input";
  var input = el("input", "psc-input");
  input.id = "prescreen-chat-input";
  input.type = "text";
  input.autocomplete = "off";
  input.maxLength = 1000;
  input.placeholder = T.placeholder;
  var sendButton = el("button", "psc-send", T.send);
  sendButton.type = "submit";
  sendButton.id = "prescreen-chat-send";
  form.append(inputLabel, input, sendButton);

  var footer = el("p", "psc-footer");
  var privacyLink = el("a", "psc-privacy", T.privacy);
  privacyLink.id = "prescreen-chat-privacy";
  privacyLink.href = config.privacyUrl;
  privacyLink.target = "_blank";
  privacyLink.rel = "noopener";
  privacyLink.appendChild(el("span", "psc-visually-hidden", " " + T.newTab));
  footer.append(privacyLink, document.createTextNode(" · " + T.notAdvice));

  panel.append(header, status, log, typing, form, footer);

  function otherLanguage() {
    return config.language === "zh" ? "en" : "zh";
  }

  function applyTexts() {
    // Every fixed word of the widget, in the current language (called again after a switch).
    root.lang = config.language === "zh" ? "zh-CN" : "en";
    launcher.textContent = T.launcher;
    title.textContent = config.title;
    languageButton.textContent = LANGUAGE_NAMES[otherLanguage()];
    languageButton.lang = otherLanguage() === "zh" ? "zh-CN" : "en";
    // The visible name ("中文") is the accessible name; what it does is the description (title).
    languageButton.title = SWITCH_LABELS[config.language];
    startOverButton.textContent = T.startOver;
    closeButton.setAttribute("aria-label", T.close);
    log.setAttribute("aria-label", T.log);
    typing.textContent = T.typing;
    inputLabel.textContent = T.inputLabel;
    input.placeholder = T.placeholder;
    sendButton.textContent = T.send;
    privacyLink.firstChild.textContent = T.privacy;
    privacyLink.lastChild.textContent = " " + T.newTab;
    footer.lastChild.textContent = " · " + T.notAdvice;
  }
  applyTexts();
  root.append(launcher, panel);

  // ----- transcript ----------------------------------------------------------------------------

  function renderMessage(message, index) {
    var item = el("div", "psc-msg psc-msg--" + message.from);
    item.setAttribute("data-from", message.from);
    if (message.text) {
      var text = el("p", "psc-text");
      if (message.from !== "note") {
        var who = message.from === "bot" ? T.assistant : T.you;
        text.appendChild(el("span", "psc-visually-hidden", who + ": "));
      }
      text.appendChild(el("span", "psc-body", message.text));
      item.appendChild(text);
    }
    if (message.pending) {
      item.classList.add("psc-msg--pending");
      item.appendChild(el("span", "psc-pending", T.waiting));
    }
    if (message.replies && message.replies.length) {
      var group = el("div", "psc-quick-replies");
      group.setAttribute("role", "group");
      group.setAttribute("aria-label", T.answerOptions);
      message.replies.forEach(function (reply) {
        var button = el("button", "psc-quick-reply", reply.title);
        button.type = "button";
        button.disabled = Boolean(message.answered);
        if (reply.chosen) {
          button.classList.add("psc-quick-reply--chosen");
        }
        button.addEventListener("click", function () {
          chooseReply(index, reply);
        });
        group.appendChild(button);
      });
      item.appendChild(group);
    }
    return item;
  }

  function renderAll() {
    log.textContent = "";
    state.messages.forEach(function (message, index) {
      log.appendChild(renderMessage(message, index));
    });
    log.scrollTop = log.scrollHeight;
  }

  function addMessage(message) {
    state.messages.push(message);
    saveState();
    log.appendChild(renderMessage(message, state.messages.length - 1));
    log.scrollTop = log.scrollHeight;
  }

  // Changes are made in place: a replaced node would be read out again by the live region.
  function updateMessage(index) {
    var node = log.children[index];
    var message = state.messages[index];
    if (!node || !message) {
      return;
    }
    if (!message.pending) {
      node.classList.remove("psc-msg--pending");
      var note = node.querySelector(".psc-pending");
      if (note) {
        node.removeChild(note);
      }
    }
    Array.prototype.forEach.call(node.querySelectorAll(".psc-quick-reply"), function (button, i) {
      button.disabled = Boolean(message.answered);
      button.classList.toggle("psc-quick-reply--chosen", Boolean(message.replies[i].chosen));
    });
  }

  // Once the person answers, earlier quick replies are stale: keep them readable, but disabled.
  function closeOpenReplies() {
    state.messages.forEach(function (message, index) {
      if (message.replies && message.replies.length && !message.answered) {
        message.answered = true;
        updateMessage(index);
      }
    });
  }

  // ----- connection ----------------------------------------------------------------------------

  var socket = null;
  var started = false; // connect() has begun (loading socket.io, or connected)
  var confirmed = false; // session_confirm received on the current connection
  var typingTimer = null;
  var TYPING_TIMEOUT_MS = 20000; // only hides the indicator; nothing closes on a timer

  function setConnection(name) {
    root.setAttribute("data-connection", name);
    if (name === "offline") {
      var queued = state.messages.some(function (m) {
        return m.pending;
      });
      status.textContent = T.offline + (queued ? " " + T.offlineQueued : "");
    } else {
      status.textContent = "";
    }
  }

  function showTyping(on) {
    typing.hidden = !on;
    clearTimeout(typingTimer);
    if (on) {
      typingTimer = setTimeout(function () {
        typing.hidden = true;
      }, TYPING_TIMEOUT_MS);
    }
  }

  function validServerUrl(url) {
    return /^https?:\/\/[^\s/?#]+\/?$/i.test(String(url));
  }

  function loadSocketIo(done) {
    if (typeof window.io === "function") {
      done();
      return;
    }
    var tag = document.createElement("script");
    tag.src = new URL("vendor/socket.io.min.js", SCRIPT.src).href;
    tag.onload = done;
    tag.onerror = function () {
      started = false; // try again on the next open or send
      setConnection("offline");
    };
    document.head.appendChild(tag);
  }

  function connect() {
    if (started) {
      return;
    }
    if (!validServerUrl(config.serverUrl)) {
      status.textContent = T.misconfigured;
      console.error("prescreen chat: serverUrl must be http(s)://host[:port], got", config.serverUrl);
      return;
    }
    started = true;
    setConnection("connecting");
    loadSocketIo(function () {
      // socket.io reconnects by itself (every 1 s, backing off to 5 s, for ever); we only show it.
      socket = window.io(config.serverUrl, { path: config.socketPath });
      socket.on("connect", function () {
        confirmed = false;
        // A new socket each time: ask Rasa to put it in our conversation's room again.
        socket.emit("session_request", { session_id: state.sessionId });
      });
      socket.on("session_confirm", function () {
        confirmed = true;
        setConnection("connected");
        if (!state.greeted) {
          state.greeted = true;
          saveState();
          emitMessage(config.greeting);
        }
        sendQueued();
      });
      socket.on("bot_uttered", receive);
      socket.on("connect_error", function () {
        setConnection("offline");
      });
      socket.on("disconnect", function (reason) {
        confirmed = false;
        showTyping(false);
        if (reason === "io client disconnect") {
          return; // we closed it ourselves ("Start over")
        }
        setConnection("offline");
        if (reason === "io server disconnect") {
          socket.connect(); // socket.io does not retry when the server closed the socket
        }
      });
    });
  }

  function emitMessage(text) {
    // The language goes with every message: the bot starts in the page's language, and follows a
    // switch the person made (`chosen`) from their next message on.
    var metadata = { language: config.language };
    if (state.language) {
      metadata.chosen = true;
    }
    socket.emit("user_uttered", { message: text, session_id: state.sessionId, metadata: metadata });
    showTyping(true);
  }

  function sendQueued() {
    var changed = false;
    state.messages.forEach(function (message, index) {
      if (message.pending) {
        emitMessage(message.payload || message.text);
        delete message.pending;
        delete message.payload;
        updateMessage(index);
        changed = true;
      }
    });
    if (changed) {
      saveState();
    }
  }

  function receive(data) {
    showTyping(false);
    if (typeof data === "string") {
      data = { text: data };
    }
    if (!data || typeof data !== "object") {
      return;
    }
    // Rasa's socket.io channel sends `quick_replies`; other channels and custom payloads use `buttons`.
    var replies = (data.quick_replies || data.buttons || [])
      .filter(function (r) {
        return r && (r.title || r.payload);
      })
      .map(function (r) {
        return { title: String(r.title || r.payload), payload: String(r.payload || r.title) };
      });
    var text = typeof data.text === "string" ? data.text : "";
    if (!text && !replies.length) {
      return; // images, cards and custom payloads: this widget shows text only
    }
    addMessage({ from: "bot", text: text, replies: replies, answered: false });
    if (panel.hidden) {
      launcher.classList.add("psc-launcher--unread");
    }
  }

  // ----- sending -------------------------------------------------------------------------------

  function send(text, payload) {
    closeOpenReplies();
    var message = { from: "user", text: text };
    var online = socket && socket.connected && confirmed;
    if (!online) {
      // Kept in the transcript (and so across a reload) and sent, in order, on reconnection.
      message.pending = true;
      if (payload && payload !== text) {
        message.payload = payload;
      }
    }
    addMessage(message);
    if (online) {
      emitMessage(payload || text);
    } else if (root.getAttribute("data-connection") === "offline") {
      setConnection("offline"); // now also says that the message will be sent later
    } else {
      connect();
    }
  }

  function chooseReply(index, reply) {
    var message = state.messages[index];
    if (!message || message.answered) {
      return;
    }
    reply.chosen = true;
    send(reply.title, reply.payload);
    input.focus();
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) {
      input.focus();
      return;
    }
    input.value = "";
    send(text);
    input.focus();
  });

  // ----- opening, closing, starting over -------------------------------------------------------

  function open(options) {
    panel.hidden = false;
    launcher.setAttribute("aria-expanded", "true");
    launcher.classList.remove("psc-launcher--unread");
    root.classList.add("psc-root--open");
    state.open = true;
    saveState();
    log.scrollTop = log.scrollHeight;
    connect();
    if (!options || options.focus !== false) {
      input.focus();
    }
  }

  function close() {
    panel.hidden = true;
    launcher.setAttribute("aria-expanded", "false");
    root.classList.remove("psc-root--open");
    state.open = false;
    saveState();
    launcher.focus();
  }

  function startOver() {
    var chosen = state.language;
    state = freshState();
    if (chosen) {
      state.language = chosen; // the new conversation keeps the language the person chose
    }
    state.open = !panel.hidden;
    saveState();
    renderAll();
    showTyping(false);
    if (socket) {
      // A new socket joins the new conversation's room only; the greeting goes on session_confirm.
      socket.disconnect();
      socket.connect();
    } else {
      connect();
    }
    input.value = "";
    input.focus();
  }

  languageButton.addEventListener("click", function () {
    useLanguage(otherLanguage());
    state.language = config.language;
    saveState();
    applyTexts();
    renderAll();
    input.focus();
  });

  launcher.addEventListener("click", function () {
    if (panel.hidden) {
      open();
    } else {
      close();
    }
  });
  closeButton.addEventListener("click", close);
  startOverButton.addEventListener("click", startOver);
  panel.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      event.preventDefault();
      close();
    }
  });
  document.addEventListener("click", function (event) {
    var opener = event.target.closest && event.target.closest("[data-prescreen-chat-open]");
    if (opener) {
      event.preventDefault();
      open();
    }
  });

  // ----- start ---------------------------------------------------------------------------------

  function mount() {
    // Messages are rendered before the widget is in the page, so a restored transcript is not
    // read out again by the live region.
    renderAll();
    document.body.appendChild(root);
    saveState();
    if (state.open) {
      open({ focus: false });
    }
  }

  window.PrescreenChatWidget = { open: open, close: close, startOver: startOver };

  var stylesheet = document.createElement("link");
  stylesheet.rel = "stylesheet";
  stylesheet.href = new URL("chat-widget.css", SCRIPT.src).href;
  // Mount once the styles are in, so the launcher never flashes unstyled; mount anyway if they fail.
  stylesheet.onload = stylesheet.onerror = function () {
    if (document.body) {
      mount();
    } else {
      document.addEventListener("DOMContentLoaded", mount);
    }
  };
  document.head.appendChild(stylesheet);
})();
