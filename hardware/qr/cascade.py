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
from hardware.imaging.deblur import deblurred_candidates
from hardware.imaging.preprocess import (
    ImageFilter,
    Region,
    apply_filter,
    crop_region,
    enlargement,
    find_code_regions,
    native_crop,
    to_grey,
)
from hardware.qr.interface import DecodeAttempt, QrDecoder, QrSymbol


class Scope(enum.StrEnum):
    FRAME = "frame"
    REGIONS = "regions"


#: The order used by the app, chosen with ``make bench`` (benchmarks/bench_qr.py): zxing-cpp
#: on the whole frame reads nearly everything; candidate regions, enlarged and filtered,
#: rescue small and blurred codes at little cost; zbar (17 ms on a whole 720p frame, 13×
#: zxing-cpp) only looks at regions nothing else could read.
#: Deconvolution (hardware.imaging.deblur) comes after every cheap step: it estimates the
#: blur of a region and tries a few restorations, which only heavy motion blur, defocus
#: and soft tiny codes need; its search is staged and stops once a restoration is two-toned
#: but unread (a look-alike pattern), so a failure costs about one stage. With it, zbar's
#: region steps rescued no frame of either generated set and cost ~5 ms per region, so
#: they left the default order. Restorations
#: are decoded by zxing-cpp without its inverted and downscaled passes ("zxing-quick"):
#: they are already at the right scale, and those passes made each failure 4× dearer.
DEFAULT_ORDER = (
    "zxing, zxing/regions, zxing/regions+sharpen, zxing/regions+binarise, "
    "zxing/regions+deblur, zxing-quick/regions+deconvolve"
)
#: The order before deconvolution was added, for comparison in the benchmark.
CHEAP_ORDER = (
    "zxing, zxing/regions, zxing/regions+sharpen, zxing/regions+binarise, "
    "zxing/regions+deblur, zbar/regions, zbar/regions+sharpen"
)
#: Regions that deconvolution looks at (the most likely first): it costs several ms each,
#: and on the generated sets a second region never held a code the first did not.
MAX_DECONVOLVED_REGIONS = 1
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
        holds one code, and the caller has already seen it.
        """
        grey = to_grey(image)
        found_regions: list[Region] | None = None
        regions: list[Frame] | None = None
        explained: set[int] = set()
        prepared: dict[tuple[Scope, ImageFilter], dict[int, Frame]] = {}
        for step in self.steps:
            if step.scope is Scope.FRAME:
                sources = {0: grey}
            else:
                if found_regions is None:
                    found_regions = find_code_regions(grey)
                    regions = [crop_region(grey, r) for r in found_regions]
                assert regions is not None
                sources = {i: region for i, region in enumerate(regions) if i not in explained}
            symbols: list[QrSymbol] = []
            if step.image_filter is ImageFilter.DECONVOLVE:
                for index in list(sources)[:MAX_DECONVOLVED_REGIONS]:
                    whole = step.scope is Scope.FRAME or found_regions is None
                    region = None if whole else found_regions[index]  # type: ignore[index]
                    found = _decode_deconvolved(step.decoder, grey, region)
                    if found:
                        explained.add(index)
                    symbols.extend(s for s in found if s not in symbols)
            else:
                key = (step.scope, step.image_filter)
                cache = prepared.setdefault(key, {})
                for index, source in sources.items():
                    if index not in cache:
                        cache[index] = apply_filter(source, step.image_filter)
                    found = step.decoder.read(cache[index])
                    if found and step.scope is Scope.REGIONS:
                        explained.add(index)
                    symbols.extend(s for s in found if s not in symbols)
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


def _decode_deconvolved(decoder: QrDecoder, grey: Frame, region: Region | None) -> list[QrSymbol]:
    """The codes of the first restoration of ``region`` (or the frame) that reads."""
    if region is None:
        source, factor = grey, 1.0
    else:
        source = native_crop(grey, region)
        factor = max(2.5, enlargement(source))
    for restored in deblurred_candidates(source, enlarge=factor):
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
