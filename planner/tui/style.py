"""Colours that carry meaning, as theme variables so every Textual theme works.

Broadcast is always the primary colour and relationships always the success colour,
in the split bar, the reach slider and the tactics table alike.
"""

from __future__ import annotations

STRATEGY_BAR = {"broadcast": "$primary", "relationships": "$success"}
STRATEGY_TEXT = {"broadcast": "bold $text-primary", "relationships": "bold $text-success"}
STRATEGY_LABEL = {"broadcast": "Broadcast", "relationships": "Relationships"}
MUTED = "$text-muted"
WARNING = "bold $text-warning"
VERDICT = {"stable": "bold $text-success", "fragile": "bold $text-warning"}
