// Small browser helpers the Blazor UI calls through JS interop. Nothing here renders user text.
window.inbox = (() => {
    let unread = 0;
    const prefix = /^\(\d+\) /;

    // Keeps "(n) " in front of whatever title the current page sets.
    function applyUnread() {
        const base = document.title.replace(prefix, "");
        const wanted = unread > 0 ? `(${unread}) ${base}` : base;
        if (document.title !== wanted) {
            document.title = wanted;
        }
    }
    // The browser's time zone goes with every request, so the server shows local times from the very first render.
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    document.cookie = `inbox.tz=${encodeURIComponent(zone)}; path=/; max-age=31536000; samesite=lax${location.protocol === "https:" ? "; secure" : ""}`;

    new MutationObserver(applyUnread).observe(document.querySelector("title") ?? document.head, { childList: true, subtree: true, characterData: true });

    return {
        // Wide screens start with the contact panel as the person last left it (open at first); narrower ones closed.
        contactPanelOpen() {
            return matchMedia("(min-width: 1400px)").matches && localStorage.getItem("inbox.contactPanel") !== "closed";
        },

        saveContactPanel(open) {
            localStorage.setItem("inbox.contactPanel", open ? "open" : "closed");
        },

        saveTheme(theme) {
            document.cookie = `inbox.theme=${theme}; path=/; max-age=31536000; samesite=lax${location.protocol === "https:" ? "; secure" : ""}`;
        },

        setUnread(count) {
            unread = count;
            applyUnread();
        },

        notificationSettings() {
            const enabled = localStorage.getItem("inbox.notifications") === "on" && "Notification" in window && Notification.permission === "granted";
            return [enabled, localStorage.getItem("inbox.sound") === "on"];
        },

        // "granted", "denied" (blocked for this site), "default" (the question dismissed) or "unsupported".
        async enableNotifications() {
            if (!("Notification" in window)) {
                return "unsupported";
            }
            return Notification.permission === "granted" ? "granted" : await Notification.requestPermission();
        },

        saveNotificationSettings(enabled, sound) {
            localStorage.setItem("inbox.notifications", enabled ? "on" : "off");
            localStorage.setItem("inbox.sound", sound ? "on" : "off");
        },

        // A desktop notification that opens the conversation when clicked, and a short tone if wanted.
        notify(title, body, path, sound) {
            if ("Notification" in window && Notification.permission === "granted") {
                const notification = new Notification(title, { body, tag: path });
                notification.onclick = () => {
                    window.focus();
                    location.assign(new URL(path, document.baseURI));
                };
            }
            if (sound) {
                const audio = new AudioContext();
                const tone = audio.createOscillator();
                const volume = audio.createGain();
                tone.frequency.value = 880;
                volume.gain.setValueAtTime(0.15, audio.currentTime);
                volume.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.4);
                tone.connect(volume).connect(audio.destination);
                tone.start();
                tone.stop(audio.currentTime + 0.4);
            }
        },

        timeZone() {
            return Intl.DateTimeFormat().resolvedOptions().timeZone;
        },

        // Enter sends, Shift+Enter (or Enter while composing an IME character) inserts a new line.
        attachComposer(textarea, dotnet) {
            if (!textarea || textarea.dataset.inboxComposer) {
                return;
            }
            textarea.dataset.inboxComposer = "1";
            textarea.addEventListener("keydown", event => {
                // While the saved-reply picker is open, these keys move through it instead of editing the text.
                if (textarea.dataset.pickerOpen === "true" && ["ArrowUp", "ArrowDown", "Enter", "Tab", "Escape"].includes(event.key)) {
                    event.preventDefault();
                    dotnet.invokeMethodAsync("PickerKey", event.key);
                    return;
                }
                if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
                    event.preventDefault();
                    dotnet.invokeMethodAsync("SendFromKeyboard", textarea.value);
                }
            });
        },

        clearComposer(textarea) {
            if (textarea) {
                textarea.value = "";
                textarea.focus();
            }
        },

        reveal(element) {
            if (element) {
                element.scrollIntoView({ block: "start", behavior: "smooth" });
                element.focus({ preventScroll: true });
            }
        },

        focusEnd(textarea) {
            if (textarea) {
                textarea.focus();
                textarea.setSelectionRange(textarea.value.length, textarea.value.length);
            }
        },

        scrollToEnd(element) {
            if (element) {
                element.scrollTop = element.scrollHeight;
            }
        },
    };
})();
