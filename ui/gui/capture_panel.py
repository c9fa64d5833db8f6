"""Capture a dossier component: scanner, camera, files; arrange pages; make its PDF; reuse.

Every blocking step is a request signal to :class:`DigitisingService` on its own thread;
the answers come back to the ``on_*`` slots here, on the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QIcon, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reception.digitising.model import ComponentInfo, ComponentMode, DigitiseOptions
from reception.digitising.reuse_store import Attachment, StoredComponent
from reception.dossiers.store import Dossier
from reception.procedures.catalogue import Procedure
from ui.document_sources import SourceInfo
from ui.gui.digitising_service import (
    THUMBNAIL,
    AcquiredPage,
    DigitiseJob,
    DigitisingService,
    Offer,
)
from ui.gui.page_list import PageList
from ui.messages import message_for

_OFFER_ROLE = Qt.ItemDataRole.UserRole


class CapturePanel(QGroupBox):
    """The clerk's digitising panel for the current dossier."""

    # Requests, to the digitising service's thread.
    sources_requested = Signal()
    acquire_requested = Signal(str, int, str)  # source name, dpi, ColorMode value
    files_requested = Signal(list)  # list[str] paths
    digitise_requested = Signal(object)  # DigitiseJob
    offers_requested = Signal(str)  # ID number
    reuse_requested = Signal(str, str, int)  # dossier code, component code, digitised id
    # Outcomes, emitted on the GUI thread once the panel has shown them.
    component_digitised = Signal(object)  # StoredComponent
    offers_shown = Signal(int)
    reuse_recorded = Signal(object)  # Attachment
    problem_shown = Signal(str)

    def __init__(self, operator: str, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Digitise components"), parent)
        self.setObjectName("capture_panel")
        self.setAcceptDrops(True)
        self._operator = operator
        self._dossier: Dossier | None = None
        self._busy = False

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
        self.component = QComboBox()
        self.component.setObjectName("capture_component")
        self.capture_button = QPushButton(self.tr("Capture"))
        self.capture_button.setShortcut("F4")
        self.files_button = QPushButton(self.tr("Add files…"))
        self.rotate_left = QPushButton(self.tr("Rotate left"))
        self.rotate_right = QPushButton(self.tr("Rotate right"))
        self.delete_button = QPushButton(self.tr("Delete page"))
        self.make_button = QPushButton(self.tr("Make PDF"))
        self.make_button.setObjectName("make_pdf")
        self.pages = PageList()
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.status = QLabel(self.tr("Drop scans here, or capture from a device."))
        self.status.setObjectName("capture_status")
        self.status.setWordWrap(True)
        self.offers = QListWidget()
        self.offers.setObjectName("reuse_offers")
        self.offers.setIconSize(QSize(THUMBNAIL // 2, THUMBNAIL // 2))
        self.attach_button = QPushButton(self.tr("Attach instead of scanning"))
        self.attach_button.setObjectName("attach_reused")
        self._lay_out()

        self.capture_button.clicked.connect(self._on_capture_clicked)
        self.files_button.clicked.connect(self._on_files_clicked)
        self.rotate_left.clicked.connect(lambda: self.pages.rotate_selected(-1))
        self.rotate_right.clicked.connect(lambda: self.pages.rotate_selected(1))
        self.delete_button.clicked.connect(self.pages.delete_selected)
        self.make_button.clicked.connect(self.make_pdf)
        self.attach_button.clicked.connect(self.attach_selected_offer)
        self.pages.pages_changed.connect(self._update_buttons)
        self.offers.itemSelectionChanged.connect(self._update_buttons)
        self._update_buttons()

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        for widget in (self.source, self.mode, self.capture_button, self.files_button):
            top.addWidget(widget)
        edit = QHBoxLayout()
        for widget in (self.rotate_left, self.rotate_right, self.delete_button):
            edit.addWidget(widget)
        edit.addStretch(1)
        edit.addWidget(QLabel(self.tr("Component:")))
        edit.addWidget(self.component, 1)
        edit.addWidget(self.make_button)
        reuse = QGroupBox(self.tr("Already digitised for this citizen"))
        reuse_layout = QVBoxLayout(reuse)
        reuse_layout.addWidget(self.offers)
        reuse_layout.addWidget(self.attach_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.pages, 3)
        layout.addLayout(edit)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(reuse, 1)

    # -- inputs from the window -----------------------------------------------------------

    @Slot(object)
    def set_procedure(self, procedure: Procedure | None) -> None:
        """List the procedure's components to choose from."""
        self.component.clear()
        if procedure is not None:
            for component in procedure.components:
                self.component.addItem(f"{component.code} — {component.name}", component.code)
        self._update_buttons()

    @Slot(object)
    def set_dossier(self, dossier: Dossier) -> None:
        """The saved dossier the components belong to (its code names the files)."""
        self._dossier = dossier
        if self.component.count() == 0:
            for component in dossier.components:
                self.component.addItem(f"{component.code} — {component.name}", component.code)
        self._update_buttons()

    @Slot(object)
    def offer_reuse(self, qr_result: object) -> None:
        """After an ID card read: ask for what this citizen already has digitised."""
        identity = getattr(qr_result, "identity", None)
        id_number = getattr(identity, "id_number", None)
        if isinstance(id_number, str):
            self.offers_requested.emit(id_number)

    # -- clerk's actions --------------------------------------------------------------------

    @Slot()
    def _on_capture_clicked(self) -> None:
        name = self.source.currentData()
        if isinstance(name, str):
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
        """Read files on the service thread; their pages join the list."""
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
    def make_pdf(self) -> None:
        """Send the arranged pages to the pipeline for the chosen component."""
        code = self.component.currentData()
        if self._dossier is None or not isinstance(code, str) or self.pages.count() == 0:
            return
        identity = self._dossier.applicant.identity
        info = ComponentInfo(
            dossier_code=self._dossier.code,
            procedure_code=self._dossier.procedure_code,
            component_code=code,
            operator=self._operator,
            component_name=self.component.currentText().partition(" — ")[2],
            owner_id_number=identity.id_number,
        )
        options = DigitiseOptions(mode=ComponentMode(self.mode.currentData()))
        self._set_busy(True, self.tr("Making the PDF…"))
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.digitise_requested.emit(DigitiseJob(tuple(self.pages.edited_pages()), info, options))

    @Slot()
    def attach_selected_offer(self) -> None:
        item = self.offers.currentItem()
        code = self.component.currentData()
        if item is None or self._dossier is None:
            return
        offer = item.data(_OFFER_ROLE)
        assert isinstance(offer, StoredComponent)
        component = code if isinstance(code, str) else offer.component_code
        self.reuse_requested.emit(self._dossier.code, component, offer.id)

    # -- answers from the service -----------------------------------------------------------

    @Slot(list)
    def on_sources_listed(self, sources: list[SourceInfo]) -> None:
        self.source.clear()
        for source in sources:
            self.source.addItem(source.description, source.name)
        self._update_buttons()

    @Slot(list)
    def on_pages_acquired(self, pages: list[AcquiredPage]) -> None:
        self.pages.add_pages(pages)
        self._set_busy(False, self.tr("Pages added: %1.").replace("%1", str(len(pages))))

    @Slot(list)
    def on_files_refused(self, reasons: list[str]) -> None:
        text = self.tr("Not added (the other files were): %1").replace("%1", "; ".join(reasons))
        self._set_busy(False, text)
        self.problem_shown.emit(text)

    @Slot(int, int, str)
    def on_progressed(self, done: int, total: int, stage: str) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    @Slot(object)
    def on_digitised(self, stored: StoredComponent) -> None:
        self.progress.setVisible(False)
        self.pages.clear_pages()
        text = self.tr("%1 saved: %2 page(s), %3 KB.")
        text = text.replace("%1", stored.path.name).replace("%2", str(stored.pages))
        self._set_busy(False, text.replace("%3", str(round(stored.bytes / 1024))))
        self.component_digitised.emit(stored)

    @Slot(str, list)
    def on_offers_found(self, id_number: str, offers: list[Offer]) -> None:
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

    @Slot(object)
    def on_reuse_attached(self, attachment: Attachment) -> None:
        text = self.tr("Reused %1 from %2.")
        text = text.replace("%1", attachment.component.path.name)
        self.status.setText(text.replace("%2", f"{attachment.component.digitised_at:%d/%m/%Y}"))
        self.reuse_recorded.emit(attachment)

    @Slot(str, str)
    def on_failed(self, code: str, detail: str) -> None:
        self.progress.setVisible(False)
        text = message_for(code)
        self._set_busy(False, text)
        self.problem_shown.emit(text)

    def _set_busy(self, busy: bool, text: str) -> None:
        self._busy = busy
        self.status.setText(text)
        self._update_buttons()

    @Slot()
    def _update_buttons(self) -> None:
        idle = not self._busy
        has_pages = self.pages.count() > 0
        self.capture_button.setEnabled(idle and self.source.count() > 0)
        self.files_button.setEnabled(idle)
        for button in (self.rotate_left, self.rotate_right, self.delete_button):
            button.setEnabled(idle and has_pages)
        ready = self._dossier is not None and self.component.count() > 0
        self.make_button.setEnabled(idle and has_pages and ready)
        self.make_button.setToolTip(
            "" if ready else self.tr("Save the dossier first: its code names the files.")
        )
        self.attach_button.setEnabled(
            self._dossier is not None and self.offers.currentItem() is not None
        )


def connect_service(panel: CapturePanel, service: DigitisingService) -> None:
    """Wire the panel's requests to the service and the service's answers to the panel."""
    panel.sources_requested.connect(service.list_sources)
    panel.acquire_requested.connect(service.acquire)
    panel.files_requested.connect(service.load_files)
    panel.digitise_requested.connect(service.digitise)
    panel.offers_requested.connect(service.find_offers)
    panel.reuse_requested.connect(service.attach_reused)
    service.sources_listed.connect(panel.on_sources_listed)
    service.pages_acquired.connect(panel.on_pages_acquired)
    service.files_refused.connect(panel.on_files_refused)
    service.progressed.connect(panel.on_progressed)
    service.digitised.connect(panel.on_digitised)
    service.offers_found.connect(panel.on_offers_found)
    service.reuse_attached.connect(panel.on_reuse_attached)
    service.failed.connect(panel.on_failed)
