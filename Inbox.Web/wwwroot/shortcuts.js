// Keyboard shortcuts for the inbox. Keys act on elements marked data-shortcut="key", so the server decides what each
// one does; j and k move through the conversation list. Nothing fires while typing in a field, except Escape.
(() => {
    const typingIn = element => element && (element.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(element.tagName));

    function move(step) {
        const rows = [...document.querySelectorAll(".conversation-row[data-conversation-id]")];
        if (rows.length === 0) {
            return;
        }
        const current = rows.findIndex(row => row.classList.contains("conversation-row-selected"));
        const next = rows[Math.min(rows.length - 1, Math.max(0, current < 0 ? 0 : current + step))];
        next.click();
        next.scrollIntoView({ block: "nearest" });
    }

    function press(key) {
        const target = [...document.querySelectorAll(`[data-shortcut="${CSS.escape(key)}"]`)].find(element => element.offsetParent !== null);
        if (!target) {
            return false;
        }
        if (["INPUT", "TEXTAREA"].includes(target.tagName)) {
            target.focus();
        } else {
            target.click();
        }
        return true;
    }

    document.addEventListener("keydown", event => {
        if (event.ctrlKey || event.metaKey || event.altKey) {
            return;
        }
        if (typingIn(document.activeElement)) {
            if (event.key === "Escape") {
                document.activeElement.blur();
            }
            return;
        }
        let handled = true;
        switch (event.key) {
            case "j": move(1); break;
            case "k": move(-1); break;
            case "r":
                press("r");
                setTimeout(() => document.querySelector("textarea.composer-input")?.focus(), 50);
                break;
            case "n":
                press("n");
                setTimeout(() => document.querySelector("textarea.composer-input")?.focus(), 50);
                break;
            default: handled = press(event.key);
        }
        if (handled) {
            event.preventDefault();
        }
    });
})();
