"""The footer of a screen a lifter reads from the calf block: the keys that mean something now,
as many as the width holds, never a broken label.

Labels shorten first (a screen may give compact ones); then the least important keys give way,
and those it must always keep (quit and help) stay. The keys are the lifter's own, after any
remap in config.toml. A click on a key does what the key does.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.widget import Widget


@dataclass(frozen=True)
class Item:
    keys: tuple[tuple[str, str], ...]
    """Each key as Textual names it (what a click simulates) and as the lifter reads it: one, or those
    of a binding group (``[ ]`` for the load)."""
    label: str
    short: str

    @property
    def shown(self) -> str:
        return " ".join(shown for _, shown in self.keys)


def fit(items: list[Item], width: int, rank: dict[Item, int], keep: set[Item]) -> tuple[list[Item], bool]:
    """The items that fit in ``width`` (in their own order) and whether with compact labels: full labels
    when all fit, else compact ones, dropping the worst-ranked (highest ``rank``) until they fit;
    ``keep`` are never dropped."""
    def width_of(chosen: list[Item], compact: bool) -> int:
        return sum(len(i.shown) + 1 + len(i.short if compact else i.label) for i in chosen) + max(0, len(chosen) - 1)

    if width_of(items, False) <= width:
        return items, False
    chosen = list(items)
    while chosen and width_of(chosen, True) > width:
        droppable = [i for i in chosen if i not in keep]
        if not droppable:
            break
        chosen.remove(max(droppable, key=lambda i: rank.get(i, len(rank))))
    return chosen, True


class KeyBar(Widget):
    """One line of keys, drawn from the screen's active bindings."""

    DEFAULT_CSS = """
    KeyBar { height: 1; dock: bottom; background: $footer-background; color: $footer-foreground; }
    KeyBar > .keybar--key { color: $footer-key-foreground; text-style: bold; }
    KeyBar > .keybar--label { color: $footer-description-foreground; }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {"keybar--key", "keybar--label"}
    ALLOW_SELECT: ClassVar[bool] = False

    def __init__(self, *, order: tuple[str, ...], keep: tuple[str, ...], short: dict[str, str] | None = None,
                 labels: Callable[[str], str | None] | None = None, palette: bool = False,
                 id: str | None = None) -> None:
        super().__init__(id=id)
        self.keep_palette = palette
        """The palette's key keeps its room while the labels can shorten to make it (a screen whose
        keys are few); never at the cost of a key."""
        self.order = order
        """Binding ids, the most important first: the last give way first when the width is short."""
        self.keep = keep
        """Binding ids always shown (quit and help)."""
        self.short = short or {}
        """Compact labels by binding id, for narrow terminals."""
        self.labels = labels
        """A label that depends on the moment (``+30s``, ``Use 25 kg``) by binding id, or None for the binding's own."""
        self._spans: list[tuple[int, int, str]] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, lambda _: self.refresh())

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def items(self) -> tuple[list[Item], dict[Item, int], set[Item]]:
        """Every key shown now (one per action, the first key of its binding; the bindings of a group
        as one item), with its rank and whether it is always kept."""
        seen: set[str] = set()
        chosen: list[Binding] = []
        for _, binding, enabled, _ in self.screen.active_bindings.values():
            if binding.show and enabled and binding.action not in seen:
                seen.add(binding.action)
                chosen.append(binding)
        place = {b.id: n for n, b in enumerate(self.screen.BINDINGS) if isinstance(b, Binding)}
        chosen.sort(key=lambda b: place.get(b.id, len(place)))  # as the screen lists them, remapped or not
        grouped: dict[object, list[Binding]] = {}
        for binding in chosen:
            grouped.setdefault(binding.group or binding.action, []).append(binding)
        items: list[Item] = []
        rank: dict[Item, int] = {}
        keep: set[Item] = set()
        for members in grouped.values():
            first = members[0]
            said = self.labels(first.id or "") if self.labels and first.group is None else None
            label = first.group.description if first.group is not None else said or first.description
            item = Item(tuple((b.key, self.app.get_key_display(b)) for b in members), label,
                        label if first.group is not None else said or self.short.get(first.id or "", label))
            items.append(item)
            ids = [b.id for b in members]
            rank[item] = min(self.order.index(i) if i in self.order else len(self.order) for i in ids)
            if any(i in self.keep for i in ids):
                keep.add(item)
        return items, rank, keep

    def render(self) -> Text:
        width = self.size.width
        items, rank, keep = self.items()
        palette = self._palette()
        room = width - len(palette) - 3 if palette and self.keep_palette else width
        chosen, compact = fit(items, room, rank, keep)
        if len(chosen) < len(items) and room < width:  # a key is worth more than the palette's
            chosen, compact = fit(items, width, rank, keep)
        key_style = self.get_component_rich_style("keybar--key")
        label_style = self.get_component_rich_style("keybar--label")
        text = Text(no_wrap=True, overflow="crop")
        self._spans = []
        for item in chosen:
            if text:
                text.append(" ")
            for n, (key, shown) in enumerate(item.keys):
                if n:
                    text.append(" ")
                start = len(text)
                text.append(shown, key_style)
                self._spans.append((start, len(text), key))
            text.append(" " + (item.short if compact else item.label), label_style)
        if palette and len(text) + len(palette) + 3 <= width:
            text.append(" " * (width - len(text) - len(palette) - 1))
            start = len(text)
            text.append(palette, label_style)
            self._spans.append((start, len(text), self.app.COMMAND_PALETTE_BINDING))
        return text

    def _palette(self) -> str:
        if not self.app.ENABLE_COMMAND_PALETTE:
            return ""
        shown = self.app.get_key_display(Binding(self.app.COMMAND_PALETTE_BINDING, "command_palette"))
        return f"{shown} palette"

    async def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                event.stop()
                self.app.simulate_key(key)
                return
