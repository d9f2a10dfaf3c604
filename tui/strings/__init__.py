"""Feature catalogues: each module defines STRINGS, key -> (日本語, English), merged by tui.i18n."""
