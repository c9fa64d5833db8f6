"""The province's shared store in the window's offers (issue 13).

After a QR or chip read the capture panel shows the citizen's components kept at this
counter; :class:`SharedOffers` then asks the shared store for theirs, off the GUI thread
(:func:`ui.gui.blocking.run_blocking`), and lists each with its date and signer under the
local ones (a file kept here too is listed once). Attaching one fetches the file, the
digitising service keeps it with its SHA-256 checked, and the component is reused, not
rescanned. Offline or refused: the local offers stay and one line says the store could
not be reached.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QListWidgetItem

from reception.digitising.model import DigitiseError
from reception.digitising.reuse_store import StoredComponent
from reception.upload.http_uploader import HttpUploader
from reception.upload.shared_store import SharedComponent, checked_pdf
from ui.gui.blocking import run_blocking
from ui.gui.capture_panel import CapturePanel
from ui.gui.digitising_service import DigitisingService

log = logging.getLogger(__name__)

_OFFER_ROLE = Qt.ItemDataRole.UserRole  # the capture panel's role for an offer
#: Object name of the one-line note "the shared store could not be reached".
NOTE = "shared_store_note"


class SharedOffers(QObject):
    """Adds the shared store's components to the panel's offers and attaches them."""

    #: The fetched file, to the digitising service's ``keep_shared`` (its thread).
    keep_requested = Signal(str, object, bytes)
    #: The shared store answered for this ID number: how many items were added.
    listed = Signal(str, int)
    #: The shared store could not be asked or fetched from (error code).
    unreachable = Signal(str)

    def __init__(
        self,
        panel: CapturePanel,
        store: Callable[[], HttpUploader | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent or panel)
        self._panel = panel
        self._store = store
        panel.offers_shown.connect(self._on_local_offers_shown)
        panel.shared_offer_chosen.connect(self.fetch)

    def connect_service(self, service: DigitisingService) -> None:
        self.keep_requested.connect(service.keep_shared)
        service.shared_kept.connect(self._on_kept)

    @Slot(int)
    def _on_local_offers_shown(self, _count: int) -> None:
        id_number = self._panel.current_offers_owner()
        if id_number is None or self._store() is None:
            return

        def ask() -> list[SharedComponent]:
            store = self._store()
            if store is None:
                return []
            with store:
                return store.list_components(id_number)

        run_blocking(
            ask,
            on_done=lambda found: self._show(id_number, found),
            on_failed=lambda code, _detail: self._note(id_number, code),
        )

    def _show(self, id_number: str, found: list[SharedComponent]) -> None:
        if id_number != self._panel.current_offers_owner():
            return  # an earlier citizen's answer
        offers = self._panel.offers
        local = {
            item.data(_OFFER_ROLE).sha256
            for item in (offers.item(row) for row in range(offers.count()))
            if isinstance(item.data(_OFFER_ROLE), StoredComponent)
        }
        added = 0
        for shared in found:
            if shared.sha256 in local:
                continue
            text = self.tr("%1 — %2 — %3 page(s) — shared store, signed by %4")
            if not shared.signer:
                text = self.tr("%1 — %2 — %3 page(s) — shared store, not signed")
            text = text.replace("%1", shared.component_name or shared.component_code)
            text = text.replace("%2", _date(shared.digitised_at))
            text = text.replace("%3", str(shared.pages)).replace("%4", shared.signer or "")
            item = QListWidgetItem(text)
            item.setData(_OFFER_ROLE, shared)
            offers.addItem(item)
            added += 1
        self.listed.emit(id_number, added)

    def _note(self, id_number: str, code: str) -> None:
        log.info("shared store not reached for offers (%s)", code)
        if id_number == self._panel.current_offers_owner():
            item = QListWidgetItem(
                self.tr(
                    "The province's shared store could not be reached: "
                    "only this counter's copies are shown."
                )
            )
            item.setData(Qt.ItemDataRole.AccessibleTextRole, NOTE)
            item.setFlags(Qt.ItemFlag.NoItemFlags)  # a note, not an offer
            self._panel.offers.addItem(item)
        self.unreachable.emit(code)

    @Slot(str, object)
    def fetch(self, component_code: str, shared: SharedComponent) -> None:
        """Fetch ``shared`` off the GUI thread, then have it kept and attached."""
        self._panel.status.setText(self.tr("Fetching the copy from the shared store…"))

        def download() -> bytes:
            store = self._store()
            if store is None:
                return b""
            with store:
                return checked_pdf(store.fetch_component(shared.item_id), shared.sha256)

        def fetched(data: bytes) -> None:
            self.keep_requested.emit(component_code, shared, data)

        def failed(code: str, _detail: str) -> None:
            log.info("shared store: fetch failed (%s)", code)
            self._panel.status.setText(
                self.tr("The copy could not be fetched from the shared store: scan it.")
            )
            self.unreachable.emit(code)

        run_blocking(_or_mismatch(download), on_done=fetched, on_failed=failed)

    @Slot(str, object)
    def _on_kept(self, component_code: str, stored: StoredComponent) -> None:
        self._panel.attach_kept(component_code, stored)


def _or_mismatch(download: Callable[[], bytes]) -> Callable[[], bytes]:
    """``download`` with a SHA-256 mismatch as a refusal the window shows (not a bug)."""

    def run() -> bytes:
        try:
            return download()
        except ValueError as exc:
            raise DigitiseError(str(exc)) from exc

    return run


def _date(iso: str) -> str:
    """``2026-12-01T…`` as 01/12/2026 (the store's dates are ISO 8601)."""
    day = iso[:10]
    parts = day.split("-")
    return "/".join(reversed(parts)) if len(parts) == 3 else day
