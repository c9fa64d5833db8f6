"""Capture the dossier's components while receiving: scanner, camera, files; arrange pages;
attach a copy kept from an earlier dossier.

Pages go into the current component of the :class:`~ui.gui.walk_in_model.WalkInModel`
(the highlighted row of the component list), which then moves on to the next one by
itself; their PDFs are made when the dossier is saved, named by its code. Every blocking
step is a request signal to :class:`DigitisingService` on its own thread; the answers
come back to the ``on_*`` slots here, on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent, QIcon, QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reception.digitising.model import ComponentMode, DigitiseOptions, PageEdit
from reception.digitising.reuse_store import StoredComponent
from reception.dossiers.walk_in import ReusedFile
from ui.composition import SIMULATED, SourceInfo
from ui.gui.digitising_service import THUMBNAIL, AcquiredPage, DigitisingService, Offer
from ui.gui.page_list import PageList
from ui.gui.walk_in_model import WalkInModel
from ui.messages import message_for

_OFFER_ROLE = Qt.ItemDataRole.UserRole


class CapturePanel(QGroupBox):
    """The clerk's digitising panel for the dossier in reception."""

    # Requests, to the digitising service's thread.
    sources_requested = Signal()
    acquire_requested = Signal(str, int, str)  # source name, dpi, ColorMode value
    files_requested = Signal(list)  # list[str] paths
    offers_requested = Signal(str)  # ID number
    # Outcomes, emitted on the GUI thread once the panel has shown them.
    pages_captured = Signal(str, int)  # component code, pages added
    offers_shown = Signal(int)
    reuse_chosen = Signal(str)  # component code
    # A copy of the province's shared store chosen: component code, SharedComponent (fetched
    # by ui.gui.shared_offers, then given back to attach_kept).
    shared_offer_chosen = Signal(str, object)
    problem_shown = Signal(str)
    device_failed = Signal(str)  # the clerk's text, when a capture failed on its device
    device_worked = Signal()  # a capture came back: the device works (again)

    def __init__(self, model: WalkInModel | None = None, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Digitise components"), parent)
        self.setObjectName("capture_panel")
        self.setAcceptDrops(True)
        self.model = model or WalkInModel(self)
        self._busy = False
        self._simulated_allowed, self._simulated_preferred = True, True
        self._target: str | None = None  # the component a capture in progress goes into
        self._offers_for: str | None = None  # the ID number the offers shown belong to
        # Thumbnails of the pages captured for this dossier, by page (pages are values).
        self._thumbnails: dict[int, AcquiredPage] = {}

        self.source = QComboBox()
        self.source.setObjectName("capture_source")
        self.mode = QComboBox()
        self.mode.setObjectName("capture_mode")
        for mode, text in (
            (ComponentMode.AUTO, self.tr("Automatic colour")),
            (ComponentMode.COLOR, self.tr("Colour")),
            (ComponentMode.GRAY, self.tr("Greyscale")),
            (ComponentMode.BW, self.tr("Black and white")),
        ):
            self.mode.addItem(text, mode.value)
        self.target = QLabel()
        self.target.setObjectName("capture_target")
        self.target.setWordWrap(True)
        self.capture_action = QAction(self.tr("Capture into the component"), self)
        self.capture_action.setObjectName("capture")
        self.capture_action.setShortcut(QKeySequence("F4"))
        self.capture_action.triggered.connect(self.capture)
        self.capture_button = QPushButton(self.tr("Capture (F4)"))
        self.capture_button.setObjectName("capture_button")
        self.capture_button.clicked.connect(self.capture)
        self.files_button = QPushButton(self.tr("Add files…"))
        self.rotate_left = QPushButton(self.tr("Rotate left"))
        self.rotate_right = QPushButton(self.tr("Rotate right"))
        self.delete_button = QPushButton(self.tr("Delete page"))
        self.pages = PageList()
        self.status = QLabel(self.tr("Drop scans here, or capture from a device."))
        self.status.setObjectName("capture_status")
        self.status.setWordWrap(True)
        self.offers = QListWidget()
        self.offers.setObjectName("reuse_offers")
        self.offers.setIconSize(QSize(THUMBNAIL // 2, THUMBNAIL // 2))
        self.attach_button = QPushButton(self.tr("Attach instead of scanning"))
        self.attach_button.setObjectName("attach_reused")
        self._lay_out()

        self.files_button.clicked.connect(self._on_files_clicked)
        self.rotate_left.clicked.connect(
            lambda: self._edit_pages(lambda: self.pages.rotate_selected(-1))
        )
        self.rotate_right.clicked.connect(
            lambda: self._edit_pages(lambda: self.pages.rotate_selected(1))
        )
        self.delete_button.clicked.connect(lambda: self._edit_pages(self.pages.delete_selected))
        self.pages.model().rowsMoved.connect(lambda *_a: self._store_pages())
        self.attach_button.clicked.connect(self.attach_selected_offer)
        self.offers.itemSelectionChanged.connect(self._update_buttons)
        self.model.reset.connect(self.clear)
        self.model.components_changed.connect(self._show_current)
        self.model.identity_changed.connect(self._on_model_identity_changed)
        self._show_current()

    def _lay_out(self) -> None:
        # Small minimums: the window must fit a 1280×720 laptop screen.
        self.pages.setMinimumHeight(80)
        self.offers.setMinimumHeight(40)
        top = QHBoxLayout()
        for widget in (self.source, self.mode, self.capture_button, self.files_button):
            top.addWidget(widget)
        edit = QHBoxLayout()
        for widget in (self.rotate_left, self.rotate_right, self.delete_button):
            edit.addWidget(widget)
        edit.addStretch(1)
        reuse = QGroupBox(self.tr("Already digitised for this citizen"))
        reuse_layout = QVBoxLayout(reuse)
        reuse_layout.addWidget(self.offers)
        reuse_layout.addWidget(self.attach_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.target)
        layout.addWidget(self.pages, 3)
        layout.addLayout(edit)
        layout.addWidget(self.status)
        layout.addWidget(reuse, 1)

    def options(self) -> DigitiseOptions:
        """How the components' PDFs are made at the save."""
        return DigitiseOptions(mode=ComponentMode(self.mode.currentData()))

    # -- the model ---------------------------------------------------------------------------

    @Slot()
    def clear(self) -> None:
        """A new dossier: no pages, no offers, nothing of the previous citizen."""
        self._thumbnails.clear()
        self._target = None
        self._offers_for = None
        self.pages.clear_pages()
        self.offers.clear()
        self.status.setText(self.tr("Drop scans here, or capture from a device."))
        self._show_current()

    def _show_current(self) -> None:
        current = self.model.current_component()
        if current is None:
            self.target.setText(self.tr("Choose the procedure: pages go into its components."))
            self.pages.clear_pages()
        else:
            text = self.tr("Pages go into: %1 · %2").replace("%1", current.code)
            self.target.setText(text.replace("%2", current.name))
            shown = [self._thumbnails.get(id(page)) for page, _edit in current.pages]
            self.pages.set_pages(
                [
                    (a, edit.quarter_turns)
                    for a, (_p, edit) in zip(shown, current.pages, strict=True)
                    if a
                ]
            )
        self._update_buttons()

    def _store_pages(self) -> None:
        current = self.model.current_component()
        if current is not None:
            self.model.set_pages(current.code, self.pages.edited_pages())

    def _edit_pages(self, change: Callable[[], None]) -> None:
        change()
        self._store_pages()

    @Slot()
    def _on_model_identity_changed(self) -> None:
        identity = self.model.walk_in.identity
        id_number = identity.id_number if identity is not None else ""
        if len(id_number) == 12 and id_number.isdigit() and id_number != self._offers_for:
            self._offers_for = id_number
            self.offers_requested.emit(id_number)

    # -- clerk's actions ----------------------------------------------------------------------

    @Slot()
    def capture(self) -> None:
        """Scan from the chosen source into the current component."""
        name = self.source.currentData()
        current = self.model.current_component()
        if self._busy or not isinstance(name, str) or current is None:
            return
        if current.shown_only:  # checked and handed back: never captured or submitted
            self.problem_shown.emit(
                self.tr("%1 is only shown: nothing to capture.").replace("%1", current.name)
            )
            return
        self._target = current.code
        self._set_busy(True, self.tr("Capturing…"))
        mode = ComponentMode(self.mode.currentData())
        # Automatic mode scans in colour: whether a red seal is there is decided after.
        scan_mode = "color" if mode is ComponentMode.AUTO else mode.value
        self.acquire_requested.emit(name, 200, scan_mode)

    @Slot()
    def _on_files_clicked(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Add scanned files"),
            "",
            self.tr("Scans (*.pdf *.jpg *.jpeg *.png *.tif *.tiff)"),
        )
        if paths:
            self.add_files(paths)

    def add_files(self, paths: list[str]) -> None:
        """Read files on the service thread; their pages go into the current component."""
        current = self.model.current_component()
        if current is None:
            return
        self._target = current.code
        self._set_busy(True, self.tr("Reading files…"))
        self.files_requested.emit(paths)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.add_files(paths)

    @Slot()
    def attach_selected_offer(self) -> None:
        """Use the selected kept copy for the current component instead of scanning it."""
        item = self.offers.currentItem()
        current = self.model.current_component()
        if item is None or current is None:
            return
        offer = item.data(_OFFER_ROLE)
        if not isinstance(offer, StoredComponent):
            if offer is not None:  # from the shared store: fetched first
                self.shared_offer_chosen.emit(current.code, offer)
            return
        self.attach_kept(current.code, offer)

    def attach_kept(self, component_code: str, offer: StoredComponent) -> None:
        """``component_code`` reuses the kept copy ``offer`` instead of being scanned."""
        self.model.reuse(component_code, ReusedFile(offer.id, str(offer.path), offer.sha256))
        text = self.tr("Reused %1 from %2.").replace("%1", offer.path.name)
        self.status.setText(text.replace("%2", f"{offer.digitised_at:%d/%m/%Y}"))
        self.reuse_chosen.emit(component_code)

    def current_offers_owner(self) -> str | None:
        """The ID number whose offers the panel shows (None before a read)."""
        return self._offers_for

    # -- answers from the service -------------------------------------------------------------

    def use_simulated_scanner(self, allowed: bool, preferred: bool) -> None:
        """Whether the simulated scanner is offered (not with ``simulate = "never"``), and
        whether it is the default source (only when the scanner is simulated)."""
        self._simulated_allowed, self._simulated_preferred = allowed, preferred

    @Slot(list)
    def on_sources_listed(self, sources: list[SourceInfo]) -> None:
        self.source.clear()
        for source in sources:
            if source.name == SIMULATED and not self._simulated_allowed:
                continue
            self.source.addItem(source.description, source.name)
        names = [self.source.itemData(i) for i in range(self.source.count())]
        real = [i for i, name in enumerate(names) if name != SIMULATED]
        if self._simulated_preferred and SIMULATED in names:
            self.source.setCurrentIndex(names.index(SIMULATED))
        elif real:
            self.source.setCurrentIndex(real[0])
        self._update_buttons()

    @Slot(list)
    def on_pages_acquired(self, pages: list[AcquiredPage]) -> None:
        target, self._target = self._target, None
        if target is None or target not in {c.code for c in self.model.walk_in.components}:
            # The dossier changed while the scanner worked: these pages are nobody's.
            self._set_busy(False, self.tr("Pages discarded: the dossier changed."))
            return
        for acquired in pages:
            self._thumbnails[id(acquired.page)] = acquired
        self.model.add_pages(target, [(a.page, PageEdit()) for a in pages])
        text = self.tr("%1 page(s) added to %2.").replace("%1", str(len(pages)))
        self._set_busy(False, text.replace("%2", target))
        self.device_worked.emit()
        self.pages_captured.emit(target, len(pages))

    @Slot(list)
    def on_files_refused(self, reasons: list[str]) -> None:
        text = self.tr("Not added (the other files were): %1").replace("%1", "; ".join(reasons))
        self._set_busy(False, text)
        self.problem_shown.emit(text)

    @Slot(str, list)
    def on_offers_found(self, id_number: str, offers: list[Offer]) -> None:
        if id_number != self._offers_for:
            return  # for an earlier citizen
        self.offers.clear()
        for offer in offers:
            kept = offer.component
            text = self.tr("%1 — %2 — %3 page(s)")
            name = kept.component_name or kept.component_code
            text = text.replace("%1", name).replace("%2", f"{kept.digitised_at:%d/%m/%Y}")
            item = QListWidgetItem(text.replace("%3", str(kept.pages)))
            if offer.preview is not None:
                item.setIcon(QIcon(QPixmap.fromImage(offer.preview)))
            item.setData(_OFFER_ROLE, kept)
            self.offers.addItem(item)
        self._update_buttons()
        self.offers_shown.emit(len(offers))

    @Slot(str, str)
    def on_failed(self, code: str, detail: str) -> None:
        capturing = self._target is not None
        self._target = None
        text = message_for(code)
        self._set_busy(False, text)
        self.problem_shown.emit(text)
        if capturing:
            self.device_failed.emit(text)

    def _set_busy(self, busy: bool, text: str) -> None:
        self._busy = busy
        self.status.setText(text)
        self._update_buttons()

    @Slot()
    def _update_buttons(self) -> None:
        idle = not self._busy
        has_pages = self.pages.count() > 0
        target = self.model.current_component() is not None
        can_capture = idle and self.source.count() > 0 and target
        self.capture_button.setEnabled(can_capture)
        self.capture_action.setEnabled(can_capture)
        self.files_button.setEnabled(idle and target)
        for button in (self.rotate_left, self.rotate_right, self.delete_button):
            button.setEnabled(idle and has_pages)
        self.attach_button.setEnabled(target and self.offers.currentItem() is not None)


def connect_service(panel: CapturePanel, service: DigitisingService) -> None:
    """Wire the panel's requests to the service and the service's answers to the panel."""
    panel.sources_requested.connect(service.list_sources)
    panel.acquire_requested.connect(service.acquire)
    panel.files_requested.connect(service.load_files)
    panel.offers_requested.connect(service.find_offers)
    service.sources_listed.connect(panel.on_sources_listed)
    service.pages_acquired.connect(panel.on_pages_acquired)
    service.files_refused.connect(panel.on_files_refused)
    service.offers_found.connect(panel.on_offers_found)
    service.failed.connect(panel.on_failed)
