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
    new MutationObserver(applyUnread).observe(document.querySelector("title") ?? document.head, { childList: true, subtree: true, characterData: true });

    return {
        setUnread(count) {
            unread = count;
            applyUnread();
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
