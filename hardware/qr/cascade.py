"""A decoding cascade: plain passes first, preprocessing only when they found nothing.

A step is a decoder applied to the whole frame or to candidate regions (enlarged), after
an optional filter. Orders are written as text so the benchmark can compare them::

    zxing, zbar, zxing/regions, zbar/regions+sharpen, zxing/frame+contrast

``decoder[/frame|/regions][+filter]``; the decoder names are those given to
:meth:`QrCascade.from_order`. The cascade knows nothing of ID cards: its caller stops it
when a text is what it wants, and a text that is not (a URL, a payment code) lets the
search go on.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from hardware.camera.interface import Frame
from hardware.imaging.deblur import (
    MotionEstimate,
    already_two_toned,
    deblurred_candidates,
    estimate_motion,
)
from hardware.imaging.preprocess import (
    ImageFilter,
    Region,
    apply_filter,
    crop_region,
    edge_coherence,
    enlargement,
    find_code_regions,
    native_crop,
    to_grey,
)
from hardware.qr.interface import DecodeAttempt, QrDecoder, QrSymbol


class Scope(enum.StrEnum):
    FRAME = "frame"
    REGIONS = "regions"


#: The order used by the app, chosen with ``make bench`` (benchmarks/bench_qr.py):
#: - zxing-cpp on the whole frame reads nearly everything, and without its inverted and
#:   downscaled passes ("zxing-quick") it reads the same frames of both generated sets in
#:   half the time; those passes still come, last ("zxing"), so the cascade never reads
#:   less than zxing-cpp alone (a light-on-dark code, a huge noisy one).
#: - Candidate regions, enlarged, rescue small codes at little cost; then a region whose
#:   spectrum shows a clear motion blur is deconvolved ("+motion",
#:   hardware.imaging.deblur): no cheap filter reads a hand's heavy blur, and trying them
#:   all first cost more than the deconvolution itself (the plain regions first save the
#:   spectrum of every small code they read).
#: - The regions filtered rescue blurred codes at little cost; then deconvolution of
#:   what is left (defocus, soft tiny codes). Its search is
#:   staged and stops once a restoration is two-toned but unread (a look-alike pattern),
#:   so a failure costs about one stage. A region around a code the frame already gave
#:   (a URL, a payment code) is never deconvolved.
#: - zbar (17 ms on a whole 720p frame, 13× zxing-cpp) rescued no frame of either set
#:   once deconvolution came in, at ~5 ms per region, so it left the default order.
#: Region steps decode with zxing-quick too: the regions are already at the right scale,
#: and the extra passes made each failure 2–4× dearer.
DEFAULT_ORDER = (
    "zxing-quick, zxing-quick/regions, zxing-quick/regions+motion, zxing-quick/regions+sharpen, "
    "zxing-quick/regions+binarise, zxing-quick/regions+deblur, zxing-quick/regions+deconvolve, "
    "zxing"
)
#: The order before deconvolution was added, for comparison in the benchmark.
CHEAP_ORDER = (
    "zxing, zxing/regions, zxing/regions+sharpen, zxing/regions+binarise, "
    "zxing/regions+deblur, zbar/regions, zbar/regions+sharpen"
)
#: Regions that deconvolution looks at (the most likely first): it costs several ms each,
#: and on the generated sets a second region never held a code the first did not.
MAX_DECONVOLVED_REGIONS = 1
#: Quiet zone kept around a region that is restored: the region's box already holds the
#: blur's halo, and the restoration's cost grows with its area (0.2 cost 1.5× as much and
#: read no more heavy-motion frames).
DECONVOLUTION_MARGIN = 0.1
#: Restored regions are enlarged at least this much before decoding (2.5 read no more).
MIN_RESTORED_ENLARGEMENT = 2.0
#: Edge coherence (:func:`hardware.imaging.preprocess.edge_coherence`) above which no
#: cheap filter is tried on a region: codes without heavy motion blur stay below 0.3 on
#: the generated sets, 1D barcodes lie at 0.6–0.98, and no filter read a heavy motion
#: blur (0.2–0.8) that deconvolution did not.
STRIPED_COHERENCE = 0.6
#: Below this edge coherence, the motion step does not even estimate a region's blur
#: (0.85 ms): its edges run both ways, so it is no long smear (codes without heavy motion
#: blur stay below 0.3). A clear motion missed here is still found by deconvolution,
#: after the cheap filters.
MOTION_COHERENCE = 0.3
#: Filters that sharpen or threshold: no use on a region already two-toned (every code
#: they read on the generated sets left 0.36 of mid-tones or more, sharp look-alike
#: patterns 0.18–0.22; ``hardware.imaging.deblur.SHARP_SCORE``).
SHARPENING = frozenset({ImageFilter.SHARPEN, ImageFilter.BINARISE, ImageFilter.DEBLUR})
#: The literal order "each decoder plainly, then preprocessing", for comparison.
PLAIN_FIRST_ORDER = (
    "zxing, zbar, zxing/regions, zbar/regions, zxing/regions+sharpen, zxing/regions+binarise, "
    "zxing/regions+deblur, zbar/regions+sharpen, zxing/frame+contrast"
)


class CascadeOrderError(ValueError):
    """An order text names an unknown decoder, scope or filter."""


@dataclass(frozen=True, slots=True)
class CascadeStep:
    decoder: QrDecoder
    scope: Scope = Scope.FRAME
    image_filter: ImageFilter = ImageFilter.PLAIN

    @property
    def name(self) -> str:
        text = self.decoder.name
        if self.scope is Scope.REGIONS:
            text += "/regions"
        if self.image_filter is not ImageFilter.PLAIN:
            text += f"+{self.image_filter.value}"
        return text


class QrCascade:
    """Runs its steps in order over one image; a :class:`QrReader`."""

    def __init__(self, steps: Sequence[CascadeStep]) -> None:
        if not steps:
            raise ValueError("a cascade needs at least one step")
        self.steps = tuple(steps)

    @classmethod
    def from_order(cls, order: str, decoders: Mapping[str, QrDecoder | None]) -> QrCascade:
        """Parse ``order`` (see the module docstring).

        A name mapped to ``None`` is a known decoder that is not installed (zbar without
        libzbar0): its steps are left out. An unknown name raises :class:`CascadeOrderError`.
        """
        steps = []
        for item in (part.strip() for part in order.split(",")):
            if not item:
                continue
            head, _, filter_name = item.partition("+")
            decoder_name, _, scope_name = head.partition("/")
            if decoder_name not in decoders:
                raise CascadeOrderError(f"unknown decoder {decoder_name!r} in {item!r}")
            try:
                scope = Scope(scope_name or Scope.FRAME.value)
                image_filter = ImageFilter(filter_name or ImageFilter.PLAIN.value)
            except ValueError as exc:
                raise CascadeOrderError(f"cannot read step {item!r}: {exc}") from exc
            decoder = decoders[decoder_name]
            if decoder is not None:
                steps.append(CascadeStep(decoder, scope, image_filter))
        if not steps:
            raise CascadeOrderError(f"no available decoder in {order!r}")
        return cls(steps)

    @property
    def order(self) -> str:
        return ", ".join(step.name for step in self.steps)

    def attempts(self, image: Frame) -> Iterator[DecodeAttempt]:
        """What each step finds, lazily; images are prepared once, when first needed.

        A candidate region that gave a code is not searched again by later steps: a region
        holds one code, and the caller has already seen it. Nor is a region around a code
        the whole frame gave, nor one that deconvolution searched in vain: its blur was
        estimated and restored, so what still does not read is no code a sharpening
        filter would rescue (a look-alike pattern).
        """
        search = _FrameSearch(to_grey(image))
        for step in self.steps:
            if step.image_filter in (ImageFilter.DECONVOLVE, ImageFilter.MOTION):
                symbols = search.deconvolved(step)
            else:
                symbols = search.filtered(step)
            if symbols:
                yield DecodeAttempt(
                    step.name,
                    tuple(s.text for s in symbols if s.text is not None),
                    tuple(s.data for s in symbols if s.text is None),
                )

    def decode_all(self, image: Frame) -> list[str]:
        """Every text any step finds (runs every step: for still images, not live video)."""
        found: list[str] = []
        for attempt in self.attempts(image):
            found.extend(t for t in attempt.texts if t not in found)
        return found


class _FrameSearch:
    """What the steps of one :meth:`QrCascade.attempts` share: the candidate regions (found
    once, when a step first needs them), their filtered versions and motion estimates,
    and which regions are done with (``explained``)."""

    def __init__(self, grey: Frame) -> None:
        self.grey = grey
        self.found_regions: list[Region] | None = None
        self.enlarged: dict[int, Frame] = {}  # regions cropped and enlarged, when read
        self.explained: set[int] = set()  # gave a code, or deconvolution gave up on it
        self.prepared: dict[tuple[Scope, ImageFilter], dict[int, Frame]] = {}
        self.motions: dict[int, MotionEstimate] = {}
        self.read_boxes: list[tuple[int, int, int, int]] = []  # codes the whole frame gave
        self.coherence: dict[int, float] = {}
        self.two_toned: dict[int, bool] = {}

    def edges_one_way(self, index: int) -> float:
        """How much a region's edges run one way (``edge_coherence``), computed once."""
        if index not in self.coherence:
            assert self.found_regions is not None
            crop = native_crop(self.grey, self.found_regions[index], 0.0)
            self.coherence[index] = edge_coherence(crop)
        return self.coherence[index]

    def sharp(self, index: int) -> bool:
        """Whether a region is already two-toned (``already_two_toned``), computed once:
        a look-alike pattern, or a code no sharpening or restoration would help."""
        if index not in self.two_toned:
            assert self.found_regions is not None
            crop = native_crop(self.grey, self.found_regions[index], DECONVOLUTION_MARGIN)
            self.two_toned[index] = already_two_toned(crop)
        return self.two_toned[index]

    def striped(self, index: int) -> bool:
        """Whether a region's edges run one way (:data:`STRIPED_COHERENCE`): a 1D
        barcode, or a code smeared by a long motion blur. No cheap filter reads either:
        the first is no QR code, the second is left to deconvolution."""
        return self.edges_one_way(index) > STRIPED_COHERENCE

    def pending(self) -> list[int]:
        """The candidate regions not done with (found when a step first needs them)."""
        if self.found_regions is None:
            self.found_regions = find_code_regions(self.grey)
            # A region around a code the whole frame already gave holds nothing new: a
            # URL beside the card is not deconvolved in search of the card's code.
            self.explained.update(
                i for i, r in enumerate(self.found_regions) if _holds_any(r, self.read_boxes)
            )
        return [i for i in range(len(self.found_regions)) if i not in self.explained]

    def image(self, scope: Scope, index: int) -> Frame:
        """The frame, or a region cropped and enlarged (once, when first read)."""
        if scope is Scope.FRAME:
            return self.grey
        if index not in self.enlarged:
            assert self.found_regions is not None
            self.enlarged[index] = crop_region(self.grey, self.found_regions[index])
        return self.enlarged[index]

    def filtered(self, step: CascadeStep) -> list[QrSymbol]:
        symbols: list[QrSymbol] = []
        cache = self.prepared.setdefault((step.scope, step.image_filter), {})
        targets = [0]
        if step.scope is Scope.REGIONS:
            targets = [i for i in self.pending() if not self.striped(i)]
            if step.image_filter in SHARPENING:
                targets = [i for i in targets if not self.sharp(i)]
        for index in targets:
            if index not in cache:
                cache[index] = apply_filter(self.image(step.scope, index), step.image_filter)
            found = step.decoder.read(cache[index])
            if found and step.scope is Scope.REGIONS:
                self.explained.add(index)
            symbols.extend(s for s in found if s not in symbols)
        if step.scope is Scope.FRAME:
            self.read_boxes.extend(s.box for s in symbols if s.box is not None)
        return symbols

    def deconvolved(self, step: CascadeStep) -> list[QrSymbol]:
        """A deconvolution step: the frame, or the first regions (``MOTION``: only those
        whose spectrum shows a clear motion blur; the others are left to later steps)."""
        if step.scope is Scope.FRAME:
            return _decode_deconvolved(step.decoder, self.grey, None, whole=True)
        pending = self.pending()
        assert self.found_regions is not None
        symbols: list[QrSymbol] = []
        for index, region in enumerate(self.found_regions[:MAX_DECONVOLVED_REGIONS]):
            if index not in pending:
                continue
            if (
                step.image_filter is ImageFilter.MOTION
                and self.edges_one_way(index) < MOTION_COHERENCE
            ):
                continue  # edges both ways: no long smear, so no spectrum before the filters
            source = native_crop(self.grey, region, DECONVOLUTION_MARGIN)
            if index not in self.motions:
                self.motions[index] = estimate_motion(source)
            if step.image_filter is ImageFilter.MOTION and not self.motions[index].clear:
                continue  # left to the cheap filters, and to deconvolution after them
            found = _decode_deconvolved(step.decoder, source, self.motions[index])
            self.explained.add(index)
            symbols.extend(s for s in found if s not in symbols)
        return symbols


def _holds_any(region: Region, boxes: Sequence[tuple[int, int, int, int]]) -> bool:
    """Whether the centre of any of ``boxes`` lies inside ``region``."""
    for x, y, width, height in boxes:
        cx, cy = x + width / 2, y + height / 2
        if region.x <= cx < region.x + region.width and region.y <= cy < region.y + region.height:
            return True
    return False


def _decode_deconvolved(
    decoder: QrDecoder, source: Frame, motion: MotionEstimate | None, *, whole: bool = False
) -> list[QrSymbol]:
    """The codes of the first restoration of ``source`` (a region's native crop, or the
    ``whole`` frame) that reads."""
    factor = 1.0 if whole else max(MIN_RESTORED_ENLARGEMENT, enlargement(source))
    for restored in deblurred_candidates(source, enlarge=factor, motion=motion):
        found = decoder.read(restored)
        if found:
            return found
    return []


def available_decoders() -> dict[str, QrDecoder | None]:
    """The decoders an order may name; ``None`` for one whose library is missing."""
    from hardware.qr.zbar import ZbarQrDecoder, zbar_available
    from hardware.qr.zxing import ZxingBinarizer, ZxingQrDecoder

    return {
        "zxing": ZxingQrDecoder(),
        "zxing-global": ZxingQrDecoder(ZxingBinarizer.GLOBAL_HISTOGRAM),
        "zxing-quick": ZxingQrDecoder(quick=True),
        "zbar": ZbarQrDecoder() if zbar_available() else None,
    }


def build_cascade(order: str = DEFAULT_ORDER) -> QrCascade:
    """A cascade over the installed decoders, in ``order``."""
    return QrCascade.from_order(order, available_decoders())
