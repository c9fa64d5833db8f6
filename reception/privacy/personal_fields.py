"""The names of the personal fields a procedure may keep (``personal_fields`` in the
catalogue). Standard library only, so the catalogue can check them without importing
the rest of :mod:`reception.privacy`."""

from __future__ import annotations

# Without them there is no dossier.
REQUIRED_FIELDS = frozenset({"id_number", "full_name"})
# What a dossier keeps when its procedure says nothing.
DEFAULT_KEPT_FIELDS = frozenset(
    {
        "id_number",
        "old_id_number",
        "full_name",
        "date_of_birth",
        "sex",
        "place_of_residence",
        "phone",
        "email",
    }
)
# Card details: not about the person beyond the card, and the receipt prints them.
CARD_FIELDS = frozenset({"issue_date", "expiry_date", "nationality", "document_number"})
# Kept only where a procedure names them; "extras" are fields of an unknown QR layout,
# "photo" the chip's photo (DG2).
OPTIONAL_FIELDS = frozenset(
    {
        "ethnicity",
        "religion",
        "place_of_origin",
        "identifying_features",
        "father_name",
        "mother_name",
        "spouse_name",
        "extras",
        "photo",
    }
)
KNOWN_FIELDS = DEFAULT_KEPT_FIELDS | CARD_FIELDS | OPTIONAL_FIELDS
