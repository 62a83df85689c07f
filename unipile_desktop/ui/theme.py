"""The one theme: every colour the app draws, derived from the palette and the colour scheme, and its live switching.

Widgets and delegates never hold a colour literal: delegates read ``current_theme()`` when they paint, widgets with a
style sheet set it through ``set_themed_style`` so it is set again when the theme changes. The theme follows the OS
(``QStyleHints.colorSchemeChanged``) unless View → Theme (or ``--theme``) forces Light or Dark.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget

SETTING_THEME = "view/theme"
MIN_CONTRAST = 4.5  # WCAG AA for normal text


class ThemeMode(Enum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"

    @classmethod
    def parse(cls, value: object) -> ThemeMode:
        try:
            return cls(str(value).lower())
        except ValueError:
            return cls.SYSTEM


# Brand colours of the drawn provider glyphs (used only when an icon file is missing); white letters on them.
PROVIDER_GLYPHS = {
    "linkedin": ("#2d64bc", "L"),
    "whatsapp": ("#1c7a41", "W"),
    "instagram": ("#b52f7a", "I"),
    "messenger": ("#3b5bdb", "M"),
    "telegram": ("#1d77a8", "T"),
    "generic": ("#5f6672", "?"),
    "app": ("#3a5ccc", "U"),
}
PROVIDER_GLYPH_TEXT = "#ffffff"


@dataclass(frozen=True, slots=True)
class BubbleColours:
    """Every colour the message bubbles are painted with."""

    outgoing: QColor
    outgoing_pending: QColor
    incoming: QColor
    failed: QColor
    failed_border: QColor  # also the failed state's words and primary button
    unsure: QColor
    unsure_border: QColor  # also the unsure state's words and primary button
    text: QColor
    muted: QColor
    link: QColor
    quote: QColor
    quote_bar_in: QColor
    quote_bar_out: QColor
    day: QColor
    placeholder: QColor
    file: QColor
    file_glyph: QColor
    file_glyph_text: QColor
    reaction: QColor
    reaction_border: QColor  # also the border of buttons other than the primary one
    reaction_mine: QColor
    button: QColor
    senders: tuple[QColor, ...]  # a group's senders' names, each person always in the same one

    def sender(self, sender_key: str) -> QColor:
        return self.senders[zlib.crc32(sender_key.encode("utf-8")) % len(self.senders)]


@dataclass(frozen=True, slots=True)
class BannerColours:
    background: QColor
    border: QColor
    text: QColor


@dataclass(frozen=True, slots=True)
class Theme:
    """Every colour of the app for one colour scheme. ``css(colour)`` writes one for a style sheet."""

    dark: bool
    window: QColor
    base: QColor
    text: QColor
    secondary_text: QColor  # hints, participants, status lines, placeholders: on window and on base
    error_text: QColor
    success_text: QColor
    warning_text: QColor  # a customer waiting too long, notices, offline
    link: QColor
    accent: QColor  # unread badges, the jump-to-latest button
    on_accent: QColor
    border: QColor  # separators
    input_border: QColor
    selection: QColor  # a selected row (the palette's highlight, darkened if its text would not be readable)
    selection_text: QColor
    selection_secondary_text: QColor
    row_secondary_text: QColor  # chat rows' preview and time (translucent text over the base)
    draft_text: QColor
    inmail_text: QColor
    inmail_background: QColor
    label_text: QColor
    label_background: QColor
    read_only_text: QColor
    read_only_background: QColor
    chip_background: QColor
    chip_border: QColor
    chip_pasted_border: QColor
    mark_text: QColor  # the canned reply's placeholders in the composer
    mark_background: QColor
    found_flash: QColor  # a found message's row, briefly (translucent over the view)
    error_banner: BannerColours
    warning_banner: BannerColours
    tray_badge: QColor
    tray_badge_text: QColor
    avatar_hues: tuple[QColor, ...]
    avatar_pending: QColor
    avatar_text: QColor
    bubbles: BubbleColours

    @staticmethod
    def css(colour: QColor) -> str:
        return colour.name(QColor.NameFormat.HexArgb if colour.alpha() < 255 else QColor.NameFormat.HexRgb)

    def avatar_colour(self, key: str) -> QColor:
        """The same hue for the same person in every run (``hash()`` is salted per process, crc32 is not)."""
        return self.avatar_hues[zlib.crc32(key.encode("utf-8")) % len(self.avatar_hues)]

    def text_pairs(self) -> Iterator[tuple[str, QColor, QColor]]:
        """(name, text, background) for every text the theme draws on a background it defines."""
        b = self.bubbles
        surfaces = {"window": self.window, "base": self.base}
        for surface, background in surfaces.items():
            yield f"text on {surface}", self.text, background
            for name in ("secondary_text", "error_text", "success_text", "warning_text", "link", "draft_text"):
                yield f"{name} on {surface}", getattr(self, name), background
        yield "row_secondary_text on base", self.row_secondary_text, self.base
        yield "accent (unread time) on base", self.accent, self.base
        yield "selection_text on selection", self.selection_text, self.selection
        yield "selection_secondary_text on selection", self.selection_secondary_text, self.selection
        yield "on_accent on accent", self.on_accent, self.accent
        yield "accent on on_accent (selected badge)", self.accent, self.on_accent
        yield "inmail", self.inmail_text, self.inmail_background
        yield "label", self.label_text, self.label_background
        yield "read-only", self.read_only_text, self.read_only_background
        yield "text on chip", self.text, self.chip_background
        yield "mark", self.mark_text, self.mark_background
        yield "text on found flash", self.text, _over(self.found_flash, self.base)
        for name in ("error_banner", "warning_banner"):
            banner: BannerColours = getattr(self, name)
            yield name, banner.text, banner.background
        yield "tray badge", self.tray_badge_text, self.tray_badge
        for i, hue in enumerate(self.avatar_hues):
            yield f"avatar initials on hue {i}", self.avatar_text, hue
        for name in ("outgoing", "outgoing_pending", "incoming", "failed", "unsure"):
            background = getattr(b, name)
            for fg in ("text", "muted", "link"):
                yield f"bubble {fg} on {name}", getattr(b, fg), background
            yield f"bubble quote text on {name}", b.muted, _over(b.quote, background)
        for i, sender in enumerate(b.senders):
            yield f"sender {i} on incoming", sender, b.incoming
        yield "failed words on failed", b.failed_border, b.failed
        yield "unsure words on unsure", b.unsure_border, b.unsure
        for name in ("failed_border", "unsure_border"):
            yield f"{name} on button", getattr(b, name), b.button
        yield "text on button", b.text, b.button
        yield "day separator", b.muted, b.day
        yield "muted on placeholder", b.muted, b.placeholder
        yield "link on placeholder", b.link, b.placeholder
        yield "text on reaction", b.text, b.reaction
        yield "text on my reaction", b.text, b.reaction_mine
        yield "file glyph text", b.file_glyph_text, b.file_glyph
        for name in ("incoming", "outgoing"):
            box = _over(b.file, getattr(b, name))
            yield f"file name on {name}", b.text, box
            yield f"file size on {name}", b.muted, box
            yield f"file link on {name}", b.link, box
        for i, (colour, _letter) in enumerate(PROVIDER_GLYPHS.values()):
            yield f"provider glyph {i}", QColor(PROVIDER_GLYPH_TEXT), QColor(colour)


def _over(colour: QColor, background: QColor) -> QColor:
    """``colour`` composed over an opaque ``background``."""
    a = colour.alphaF()
    return QColor.fromRgbF(
        colour.redF() * a + background.redF() * (1 - a),
        colour.greenF() * a + background.greenF() * (1 - a),
        colour.blueF() * a + background.blueF() * (1 - a),
    )


def _luminance(colour: QColor) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())


def contrast_ratio(text: QColor, background: QColor) -> float:
    """WCAG 2 contrast ratio of ``text`` (composed over the background when translucent) on an opaque background."""
    lighter, darker = sorted((_luminance(_over(text, background)), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _readable(background: QColor, text: QColor, towards_dark: bool) -> QColor:
    """``background``, darkened (or lightened) step by step until ``text`` on it reaches 4.5:1."""
    result = QColor(background)
    for _ in range(40):
        if contrast_ratio(text, result) >= MIN_CONTRAST:
            break
        result = QColor((result.darker(108) if towards_dark else result.lighter(108)).rgb())  # 8 bits a channel
    return result


def _c(value: str, alpha: int = 255) -> QColor:
    colour = QColor(value)
    colour.setAlpha(alpha)
    return colour


_LIGHT_BUBBLES = BubbleColours(
    outgoing=_c("#d6e8fd"),
    outgoing_pending=_c("#e6f0fc"),
    incoming=_c("#eff0f2"),
    failed=_c("#fdeeee"),
    failed_border=_c("#c5221f"),
    unsure=_c("#fdf4e3"),
    unsure_border=_c("#8f5200"),  # amber, dark enough for text on white and on the unsure background
    text=_c("#1b1e23"),
    muted=_c("#555c67"),
    link=_c("#0b57d0"),
    quote=_c("#000000", 16),
    quote_bar_in=_c("#8a9099"),
    quote_bar_out=_c("#4f86e0"),
    day=_c("#e6e8eb"),
    placeholder=_c("#dcdfe3"),
    file=_c("#ffffff", 170),
    file_glyph=_c("#5f6a78"),
    file_glyph_text=_c("#ffffff"),
    reaction=_c("#ffffff"),
    reaction_border=_c("#d3d6db"),
    reaction_mine=_c("#e3eefc"),
    button=_c("#ffffff"),
    senders=tuple(_c(c) for c in ("#b3261e", "#1a62c8", "#137333", "#8430ce", "#a04e00", "#007079", "#b0155d")),
)

_DARK_BUBBLES = BubbleColours(
    outgoing=_c("#1d3a5f"),
    outgoing_pending=_c("#1a2d45"),
    incoming=_c("#2b2e34"),
    failed=_c("#3d2222"),
    failed_border=_c("#f28b82"),
    unsure=_c("#3a2f1a"),
    unsure_border=_c("#fbbc5b"),
    text=_c("#e8eaed"),
    muted=_c("#b0b6bf"),
    link=_c("#9cc0fa"),
    quote=_c("#ffffff", 18),
    quote_bar_in=_c("#80868b"),
    quote_bar_out=_c("#6f9be8"),
    day=_c("#2f3238"),
    placeholder=_c("#3a3e45"),
    file=_c("#000000", 60),
    file_glyph=_c("#5f6a78"),
    file_glyph_text=_c("#ffffff"),
    reaction=_c("#2f3238"),
    reaction_border=_c("#4a4f57"),
    reaction_mine=_c("#23416b"),
    button=_c("#2f3238"),
    senders=tuple(_c(c) for c in ("#f28b82", "#8ab4f8", "#81c995", "#d7aefb", "#fdd663", "#78d9ec", "#ff8bcb")),
)

# Avatar hues: deep ones under white initials in the light theme, pale ones under dark initials in the dark theme.
_LIGHT_AVATARS: tuple[str, ...] = ("#c0392b", "#ad1457", "#8e24aa", "#5e35b1", "#3949ab", "#1f63b4", "#00717f")
_LIGHT_AVATARS += ("#00695c", "#2e7d32", "#5b6e1a", "#8d5a00", "#b23c00", "#6d4c41", "#546e7a")
_DARK_AVATARS: tuple[str, ...] = ("#f4a29a", "#f48fb1", "#ce93d8", "#b39ddb", "#9fa8da", "#90caf9", "#80deea")
_DARK_AVATARS += ("#80cbc4", "#a5d6a7", "#c5e1a5", "#ffe082", "#ffcc80", "#bcaaa4", "#b0bec5")


def dark_palette() -> QPalette:
    """A dark palette for platforms whose style ignores the colour scheme (offscreen, some X11 desktops)."""
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#202226",
        QPalette.ColorRole.WindowText: "#e8eaed",
        QPalette.ColorRole.Base: "#17181b",
        QPalette.ColorRole.AlternateBase: "#222428",
        QPalette.ColorRole.Text: "#e8eaed",
        QPalette.ColorRole.Button: "#2b2d32",
        QPalette.ColorRole.ButtonText: "#e8eaed",
        QPalette.ColorRole.BrightText: "#ffffff",
        QPalette.ColorRole.Highlight: "#2f5fae",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Link: "#9cc0fa",
        QPalette.ColorRole.LinkVisited: "#d7aefb",
        QPalette.ColorRole.ToolTipBase: "#2b2d32",
        QPalette.ColorRole.ToolTipText: "#e8eaed",
        QPalette.ColorRole.PlaceholderText: "#9aa0a6",
        QPalette.ColorRole.Light: "#3a3d43",
        QPalette.ColorRole.Midlight: "#2f3237",
        QPalette.ColorRole.Mid: "#25272b",
        QPalette.ColorRole.Dark: "#121316",
        QPalette.ColorRole.Shadow: "#000000",
    }
    for role, value in roles.items():
        palette.setColor(role, QColor(value))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7d828a"))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Highlight, QColor("#3a3d43"))
    return palette


def derive_theme(palette: QPalette, dark: bool) -> Theme:
    """The theme for ``palette`` in either scheme: surfaces and text from the palette, the rest per scheme."""
    window = QColor(palette.color(QPalette.ColorRole.Window))
    base = QColor(palette.color(QPalette.ColorRole.Base))
    text = QColor(palette.color(QPalette.ColorRole.Text))
    selection_text = QColor(palette.color(QPalette.ColorRole.HighlightedText))
    selection_secondary = QColor(selection_text)
    selection_secondary.setAlphaF(0.85)
    # The platform's highlight may be too light for its text (Fusion's blue under white is 3.6:1): darken it.
    highlight = QColor(palette.color(QPalette.ColorRole.Highlight))
    selection = _readable(highlight, selection_secondary, towards_dark=_luminance(selection_text) > 0.5)
    row_secondary = QColor(text)
    row_secondary.setAlphaF(0.68)
    if dark:
        return Theme(
            dark=True,
            window=window,
            base=base,
            text=text,
            secondary_text=_c("#aab0b9"),
            error_text=_c("#f28b82"),
            success_text=_c("#81c995"),
            warning_text=_c("#ffb45c"),
            link=_c("#9cc0fa"),
            accent=_c("#8ab4f8"),
            on_accent=_c("#0f1f3a"),
            border=_c("#3c4048"),
            input_border=_c("#5a606a"),
            selection=selection,
            selection_text=selection_text,
            selection_secondary_text=selection_secondary,
            row_secondary_text=row_secondary,
            draft_text=_c("#f28b82"),
            inmail_text=_c("#fdd663"),
            inmail_background=_c("#3d3218"),
            label_text=_c("#c7d6ea"),
            label_background=_c("#26354a"),
            read_only_text=_c("#c4c9d0"),
            read_only_background=_c("#33363c"),
            chip_background=_c("#2a3340"),
            chip_border=_c("#465263"),
            chip_pasted_border=_c("#6b7480"),
            mark_text=_c("#ffe8a3"),
            mark_background=_c("#5a4500"),
            found_flash=_c("#ffd60a", 50),
            error_banner=BannerColours(background=_c("#3d2222"), border=_c("#7a3a35"), text=_c("#ffb4ab")),
            warning_banner=BannerColours(background=_c("#3a2f1a"), border=_c("#7a6129"), text=_c("#fdd663")),
            tray_badge=_c("#c5221f"),
            tray_badge_text=_c("#ffffff"),
            avatar_hues=tuple(_c(c) for c in _DARK_AVATARS),
            avatar_pending=_c("#4a4f57"),
            avatar_text=_c("#1b1e23"),
            bubbles=_DARK_BUBBLES,
        )
    return Theme(
        dark=False,
        window=window,
        base=base,
        text=text,
        secondary_text=_c("#555c67"),
        error_text=_c("#b3261e"),
        success_text=_c("#1b6e2a"),
        warning_text=_c("#8f4000"),
        link=_c("#0b57d0"),
        accent=_c("#1f5fcc"),
        on_accent=_c("#ffffff"),
        border=_c("#dfe2e6"),
        input_border=_c("#b9c0ca"),
        selection=selection,
        selection_text=selection_text,
        selection_secondary_text=selection_secondary,
        row_secondary_text=row_secondary,
        draft_text=_c("#c5221f"),
        inmail_text=_c("#6f4300"),
        inmail_background=_c("#ffe7b3"),
        label_text=_c("#31465e"),
        label_background=_c("#e4ebf3"),
        read_only_text=_c("#555c67"),
        read_only_background=_c("#eceef1"),
        chip_background=_c("#e8eef8"),
        chip_border=_c("#c9d3e0"),
        chip_pasted_border=_c("#9aa3ae"),
        mark_text=_c("#5c3c00"),
        mark_background=_c("#ffe08a"),
        found_flash=_c("#ffd60a", 90),
        error_banner=BannerColours(background=_c("#fdecea"), border=_c("#f3b8b2"), text=_c("#7a1c14")),
        warning_banner=BannerColours(background=_c("#fff4d6"), border=_c("#e8c56a"), text=_c("#5c4200")),
        tray_badge=_c("#c5221f"),
        tray_badge_text=_c("#ffffff"),
        avatar_hues=tuple(_c(c) for c in _LIGHT_AVATARS),
        avatar_pending=_c("#c9ced6"),
        avatar_text=_c("#ffffff"),
        bubbles=_LIGHT_BUBBLES,
    )


# ------------------------------------------------------------------------------------------------ switching


class ThemeManager(QObject):
    """Holds the current theme, applies the chosen mode and follows the OS; ``theme_changed`` after each change."""

    theme_changed = Signal(object)  # the new Theme

    def __init__(self) -> None:
        super().__init__()
        self.mode = ThemeMode.SYSTEM
        self.mode_from_command_line = False
        self._palette_overridden = False
        self._following = False
        app = QApplication.instance()
        palette = app.palette() if isinstance(app, QApplication) else QPalette()
        self.theme = derive_theme(palette, _scheme_is_dark(palette))

    def follow_system(self) -> None:
        """Rebuild the theme whenever the OS switches between light and dark."""
        if not self._following:
            self._following = True
            QGuiApplication.styleHints().colorSchemeChanged.connect(self.on_style_hints_color_scheme_changed)

    def on_style_hints_color_scheme_changed(self, _scheme: Qt.ColorScheme) -> None:
        self.refresh()

    def set_mode(self, mode: ThemeMode) -> None:
        """Apply System, Light or Dark: through the style hints, and a dark palette where the platform ignores them."""
        self.mode = mode
        requested = {
            ThemeMode.SYSTEM: Qt.ColorScheme.Unknown,
            ThemeMode.LIGHT: Qt.ColorScheme.Light,
            ThemeMode.DARK: Qt.ColorScheme.Dark,
        }[mode]
        QGuiApplication.styleHints().setColorScheme(requested)  # Qt ≥ 6.8; emits colorSchemeChanged when it applies
        self.refresh()

    def refresh(self) -> None:
        """Rebuild the theme from the palette and the scheme, then repaint and restyle every widget."""
        app = QApplication.instance()
        if not isinstance(app, QApplication):
            return
        if self._palette_overridden:
            app.setPalette(QPalette())  # the platform's own palette again (an empty palette resolves to it)
            self._palette_overridden = False
        dark = self._wanted_dark()
        if dark != _is_dark(app.palette()):
            # The platform ignored the scheme (offscreen, Xvfb, some X11 desktops): set the palette ourselves.
            app.setPalette(dark_palette() if dark else app.style().standardPalette())
            self._palette_overridden = True
        self.theme = derive_theme(app.palette(), dark)
        self.theme_changed.emit(self.theme)
        for widget in app.allWidgets():
            if isinstance(widget, QAbstractItemView):
                widget.viewport().update()

    def _wanted_dark(self) -> bool:
        if self.mode is ThemeMode.DARK:
            return True
        if self.mode is ThemeMode.LIGHT:
            return False
        scheme = QGuiApplication.styleHints().colorScheme()
        if scheme == Qt.ColorScheme.Unknown:  # the platform does not say: its palette does
            app = QApplication.instance()
            return isinstance(app, QApplication) and _is_dark(app.palette())
        return scheme == Qt.ColorScheme.Dark


def _is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightnessF() < 0.5


def _scheme_is_dark(palette: QPalette) -> bool:
    scheme = QGuiApplication.styleHints().colorScheme()
    return scheme == Qt.ColorScheme.Dark if scheme != Qt.ColorScheme.Unknown else _is_dark(palette)


_manager: ThemeManager | None = None


def theme_manager() -> ThemeManager:
    """The application's one ThemeManager (made on first use, once a QApplication exists)."""
    global _manager
    if _manager is None:
        _manager = ThemeManager()
    return _manager


def current_theme() -> Theme:
    return theme_manager().theme


def install_theme(mode: str | None) -> ThemeManager:
    """At start-up: follow the OS, and apply ``--theme`` when given (it then wins over the saved choice)."""
    manager = theme_manager()
    manager.follow_system()
    if mode is not None:
        manager.mode_from_command_line = True
        manager.set_mode(ThemeMode.parse(mode))
    return manager


class _ThemedStyle(QObject):
    """A widget's style sheet written from the theme; a child of the widget, so it goes when the widget goes."""

    def __init__(self, widget: QWidget, style: Callable[[Theme], str]) -> None:
        super().__init__(widget)
        self.setObjectName("themed_style")
        self.widget = widget
        self.style = style
        theme_manager().theme_changed.connect(self.on_theme_changed)

    def on_theme_changed(self, theme: Theme) -> None:
        self.widget.setStyleSheet(self.style(theme))


def set_themed_style(widget: QWidget, style: Callable[[Theme], str]) -> None:
    """Set ``widget``'s style sheet to ``style(theme)`` now and after every theme change (replacing an earlier one)."""
    binder = widget.findChild(_ThemedStyle, "themed_style", Qt.FindChildOption.FindDirectChildrenOnly)
    if isinstance(binder, _ThemedStyle):
        binder.style = style
    else:
        binder = _ThemedStyle(widget, style)
    widget.setStyleSheet(style(current_theme()))


def no_style(_theme: Theme) -> str:
    """No style sheet (the palette's colours)."""
    return ""


def colour_style(role: str, extra: str = "") -> Callable[[Theme], str]:
    """A style sheet giving the text one of the theme's colours by name: ``colour_style("secondary_text")``."""
    return lambda theme: f"color: {theme.css(getattr(theme, role))};{' ' + extra if extra else ''}"


__all__ = [
    "SETTING_THEME",
    "BannerColours",
    "BubbleColours",
    "Theme",
    "ThemeManager",
    "ThemeMode",
    "colour_style",
    "contrast_ratio",
    "current_theme",
    "dark_palette",
    "derive_theme",
    "install_theme",
    "no_style",
    "set_themed_style",
    "theme_manager",
]
