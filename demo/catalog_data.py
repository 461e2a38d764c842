"""The demo supplier's catalog: industrial and packaging supplies, built from product families.

Each family enumerates its variants in a fixed order (sizes, materials, finishes); a catalog of
N products takes a seeded sample across families, so the small demo looks like a slice of the
large one. Prices are list prices in EUR for the first year of history.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ProductSpec:
    sku: str
    description: str
    unit: str
    pack_size: int
    price: float  # EUR per unit, first year of history
    family: str
    typical: int  # a medium customer's usual quantity, in units


def _bolts() -> Iterator[ProductSpec]:
    kinds = [
        ("933", "Hex bolt DIN 933"),
        ("931", "Hex bolt DIN 931, part thread"),
        ("912", "Socket cap screw DIN 912"),
        ("7984", "Low head cap screw DIN 7984"),
        ("7380", "Button head screw ISO 7380"),
        ("7991", "Countersunk screw DIN 7991"),
    ]
    finishes = [
        ("ZN", "8.8 zinc plated", 1.0),
        ("BK", "10.9 black", 1.3),
        ("A2", "A2 stainless", 2.1),
        ("A4", "A4 stainless", 3.0),
        ("HDG", "8.8 hot-dip galvanised", 1.5),
    ]
    diameters = [3, 4, 5, 6, 8, 10, 12, 14, 16, 20, 24]
    lengths = [10, 12, 16, 20, 25, 30, 35, 40, 45, 50, 60, 70, 80, 90, 100, 120, 150]
    for (code, name), d, length, (fcode, fname, factor) in itertools.product(
        kinds, diameters, lengths, finishes
    ):
        if length < 2 * d or length > 12 * d + 30:
            continue
        pack = 200 if d <= 6 else 100 if d <= 12 else 50 if d <= 16 else 25
        price = max(0.02, 0.0009 * d * d * length / 10 * factor + 0.015)
        yield ProductSpec(
            f"FX-{code}-M{d}X{length}-{fcode}",
            f"{name} M{d}x{length} {fname} (box of {pack})",
            "BOX",
            1,
            round(price * pack, 2),
            "fasteners",
            4,
        )


def _nuts_washers() -> Iterator[ProductSpec]:
    kinds = [
        ("934", "Hex nut DIN 934"),
        ("985", "Nyloc nut DIN 985"),
        ("6923", "Flange nut DIN 6923"),
        ("1587", "Dome nut DIN 1587"),
        ("125", "Flat washer DIN 125"),
        ("9021", "Fender washer DIN 9021"),
        ("127", "Spring washer DIN 127"),
        ("6798", "Serrated lock washer DIN 6798"),
    ]
    finishes = [
        ("ZN", "zinc plated", 1.0),
        ("A2", "A2 stainless", 2.2),
        ("A4", "A4 stainless", 3.1),
    ]
    for (code, name), d, (fcode, fname, factor) in itertools.product(
        kinds, [3, 4, 5, 6, 8, 10, 12, 14, 16, 20, 24], finishes
    ):
        pack = 500 if d <= 8 else 200 if d <= 14 else 100
        price = 0.004 * d * factor + 0.006
        yield ProductSpec(
            f"FX-{code}-M{d}-{fcode}",
            f"{name} M{d} {fname} (box of {pack})",
            "BOX",
            1,
            round(price * pack, 2),
            "fasteners",
            3,
        )


def _screws() -> Iterator[ProductSpec]:
    kinds = [
        ("CB", "Chipboard screw"),
        ("ST", "Self-tapping screw"),
        ("DW", "Drywall screw"),
        ("SD", "Self-drilling screw"),
    ]
    for (code, name), d, length, (hcode, hname) in itertools.product(
        kinds,
        [3.5, 4.0, 4.5, 5.0, 6.0],
        [16, 20, 25, 30, 35, 40, 45, 50, 60, 70, 80, 100],
        [("PZ", "pozidriv"), ("TX", "torx")],
    ):
        if length < 4 * d:
            continue
        pack = 500 if length <= 40 else 200
        yield ProductSpec(
            f"FX-{code}-{d:.1f}X{length}-{hcode}".replace(".", ""),
            f"{name} {d:.1f}x{length} {hname}, zinc (box of {pack})",
            "BOX",
            1,
            round((0.006 * d * length / 10 + 0.01) * pack, 2),
            "screws",
            5,
        )


def _boxes() -> Iterator[ProductSpec]:
    walls = [
        ("SW", "single wall", 0.55),
        ("DW", "double wall", 0.95),
        ("TW", "triple wall", 1.6),
        ("WS", "white single wall", 0.75),
    ]
    sizes = range(200, 1250, 50)
    heights = range(100, 850, 25)
    for (wcode, wname, per_m2), length in itertools.product(walls, sizes):
        for width, height in itertools.product(range(150, length + 1, 50), heights):
            if height > length or width > 800:
                continue
            area = 2 * (length * width + length * height + width * height) / 1_000_000
            yield ProductSpec(
                f"BX-{length}X{width}X{height}-{wcode}",
                f"Carton box {length}x{width}x{height} mm {wname}",
                "EA",
                25,
                round(area * per_m2 + 0.08, 2),
                "boxes",
                200,
            )


def _film() -> Iterator[ProductSpec]:
    for width, micron, length, (ccode, cname) in itertools.product(
        [450, 500],
        [12, 15, 17, 20, 23, 25, 30],
        [150, 270, 300, 1500],
        [("CL", "clear"), ("BK", "black"), ("BL", "blue tint")],
    ):
        kind = "machine" if length == 1500 else "hand"
        weight = width * micron * length * 0.92 / 1_000_000
        yield ProductSpec(
            f"SF-{width}-{micron}-{length}-{ccode}",
            f"Stretch film {kind} {width}mm x {length}m {micron}µm {cname}",
            "ROL",
            6,
            round(weight * 2.6 + 0.9, 2),
            "film",
            48,
        )


def _tape() -> Iterator[ProductSpec]:
    for (mcode, mname, f), width, length, (ccode, cname) in itertools.product(
        [
            ("PPA", "PP acrylic", 1.0),
            ("PPH", "PP hot melt", 1.1),
            ("PVC", "PVC", 1.6),
            ("KR", "kraft paper", 1.8),
            ("RF", "reinforced", 2.6),
        ],
        [19, 25, 38, 48, 50, 75],
        [50, 66, 100, 132, 990],
        [("BR", "brown"), ("CL", "clear"), ("WH", "white"), ("FR", "printed FRAGILE")],
    ):
        if length == 990 and width < 48:
            continue
        yield ProductSpec(
            f"TP-{mcode}-{width}-{length}-{ccode}",
            f"Packing tape {mname} {width}mm x {length}m {cname} (box of 36)",
            "BOX",
            1,
            round(36 * (width * length / 30_000 + 0.35) * f, 2),
            "tape",
            6,
        )


def _labels() -> Iterator[ProductSpec]:
    for (kcode, kname), width, height, core in itertools.product(
        [("TD", "direct thermal"), ("TT", "thermal transfer")],
        [38, 50, 57, 70, 76, 100, 102, 105, 148, 150],
        [25, 38, 50, 70, 100, 125, 150, 200, 210, 250],
        [25, 40, 76],
    ):
        per_roll = 1000 if height <= 70 else 500
        yield ProductSpec(
            f"LB-{kcode}-{width}X{height}-{core}",
            f"Labels {kname} {width}x{height}mm, core {core}mm, {per_roll}/roll",
            "ROL",
            1,
            round(width * height * per_roll / 1_000_000 * 1.1 + 1.0, 2),
            "labels",
            24,
        )


def _bags() -> Iterator[ProductSpec]:
    for width, height, micron in itertools.product(
        range(100, 650, 50), range(150, 850, 50), [25, 50, 75, 100]
    ):
        if height < width:
            continue
        yield ProductSpec(
            f"BG-{width}X{height}-{micron}",
            f"Polythene bag {width}x{height}mm {micron}µm (box of 1000)",
            "BOX",
            1,
            round(width * height * micron / 1e9 * 1000 * 2.4 + 6, 2),
            "bags",
            3,
        )


def _small_families() -> Iterator[ProductSpec]:
    for material, width, thick in itertools.product(
        ["PP", "PET"], [9, 12, 13, 15, 16, 19], [0.5, 0.6, 0.8, 1.0]
    ):
        yield ProductSpec(
            f"ST-{material}-{width}-{int(thick * 10):02d}",
            f"{material} strapping {width}x{thick}mm, coil",
            "ROL",
            1,
            round((18 if material == "PP" else 34) * width * thick / 10 + 8, 2),
            "strapping",
            8,
        )
    for width, length, bubble in itertools.product(
        [300, 500, 750, 1000, 1200, 1500], [50, 100, 150], [10, 25]
    ):
        yield ProductSpec(
            f"BW-{width}-{length}-{bubble}",
            f"Bubble wrap {width}mm x {length}m, {bubble}mm bubbles",
            "ROL",
            1,
            round(width * length / 1000 * 0.28 + 2, 2),
            "void_fill",
            10,
        )
    for kind, size in itertools.product(
        [
            "Kraft void-fill paper 70g",
            "Air cushions 200x100mm",
            "Loose fill chips",
            "Honeycomb paper wrap",
        ],
        ["S", "L"],
    ):
        yield ProductSpec(
            f"VF-{kind[:3].upper()}-{size}",
            f"{kind}, {'small' if size == 'S' else 'large'} pack",
            "EA",
            1,
            24.0 if size == "S" else 58.0,
            "void_fill",
            10,
        )
    for code, name, price in [
        ("EUR-N", "Wooden pallet EUR 1200x800, new", 14.5),
        ("EUR-U", "Wooden pallet EUR 1200x800, reconditioned", 8.9),
        ("IND-N", "Wooden pallet 1200x1000, new", 17.2),
        ("HALF", "Half pallet 800x600", 9.4),
        ("PL1208", "Plastic pallet 1200x800, hygienic", 48.0),
        ("PL1210", "Plastic pallet 1200x1000, nestable", 42.0),
        ("CART", "Pallet collar 1200x800 hinged", 11.8),
        ("TOP", "Cardboard pallet top sheet 1200x800", 0.9),
    ]:
        yield ProductSpec(f"PL-{code}", name, "EA", 1 if price > 5 else 50, price, "pallets", 40)
    for (gcode, gname, price), size in itertools.product(
        [
            ("NIT", "Nitrile gloves disposable, powder free (box of 100)", 7.9),
            ("NIT-HD", "Nitrile gloves heavy duty 0.2mm (box of 50)", 11.5),
            ("LTX", "Latex gloves disposable (box of 100)", 6.4),
            ("PU", "PU coated work gloves (pack of 12 pairs)", 14.8),
            ("CUT-B", "Cut-resistant gloves level B (pair)", 4.6),
            ("CUT-D", "Cut-resistant gloves level D (pair)", 8.9),
            ("CUT-F", "Cut-resistant gloves level F (pair)", 13.4),
            ("THERM", "Thermal winter work gloves (pair)", 6.2),
            ("CHEM", "Chemical resistant nitrile gloves 33cm (pair)", 3.9),
        ],
        ["S", "M", "L", "XL"],
    ):
        yield ProductSpec(
            f"GL-{gcode}-{size}",
            f"{gname}, size {size}",
            "BOX" if "box" in gname else "EA",
            1,
            price,
            "gloves",
            20,
        )
    ppe = [
        ("GLS-CL", "Safety glasses clear EN166", 3.2),
        ("GLS-SM", "Safety glasses smoke EN166", 3.6),
        ("GOG", "Safety goggles indirect vent", 6.9),
        ("EAR", "Foam ear plugs (box of 200 pairs)", 29.0),
        ("EARM", "Ear defenders SNR 30", 12.5),
        ("MASK-FFP2", "FFP2 respirator (box of 20)", 16.0),
        ("MASK-FFP3", "FFP3 respirator with valve (box of 10)", 22.0),
        ("HV-M", "Hi-vis vest yellow M", 2.4),
        ("HV-L", "Hi-vis vest yellow L", 2.4),
        ("HV-XL", "Hi-vis vest yellow XL", 2.4),
        ("HELM", "Safety helmet white EN397", 7.8),
        ("FAK", "First aid kit, 10 persons", 34.0),
    ]
    for code, name, price in ppe:
        yield ProductSpec(f"PP-{code}", name, "EA", 1, price, "ppe", 12)
    for width, length, (ccode, cname) in itertools.product(
        [2.5, 3.6, 4.8, 7.6, 9.0],
        [100, 140, 200, 280, 300, 370, 450, 540],
        [("NA", "natural"), ("BK", "black UV")],
    ):
        if width < 4 and length > 300:
            continue
        yield ProductSpec(
            f"CT-{int(width * 10):03d}X{length}-{ccode}",
            f"Cable tie {width}x{length}mm {cname} (bag of 100)",
            "EA",
            1,
            round(width * length / 400 + 0.6, 2),
            "cable_ties",
            20,
        )
    for (kind, kname), diameter, spec in itertools.product(
        [("FD", "Flap disc"), ("CD", "Cutting disc"), ("GD", "Grinding disc")],
        [115, 125, 180, 230],
        ["40", "60", "80", "120", "INOX", "STEEL"],
    ):
        yield ProductSpec(
            f"AB-{kind}-{diameter}-{spec}",
            f"{kname} {diameter}mm {spec.lower()} (box of 10)",
            "BOX",
            1,
            round(diameter / 10 * (1.9 if kind == "FD" else 1.1) + 4, 2),
            "abrasives",
            5,
        )
    chemicals = [
        ("GR-400", "Multi-purpose grease cartridge 400g", 4.9),
        ("GR-1K", "Multi-purpose grease 1kg tin", 9.8),
        ("GR-5K", "Lithium grease 5kg pail", 38.0),
        ("PEN-400", "Penetrating oil spray 400ml", 5.4),
        ("SIL-400", "Silicone spray 400ml", 6.1),
        ("CUT-5L", "Cutting oil 5L", 27.5),
        ("DEG-5L", "Industrial degreaser 5L", 19.9),
        ("DEG-20L", "Industrial degreaser 20L", 64.0),
        ("HND-4L", "Hand cleaner with microbeads 4.5L", 17.4),
        ("WIP-500", "Industrial wipes roll 500 sheets", 21.0),
        ("WIP-1000", "Blue paper roll 1000 sheets", 13.2),
        ("ABS-20", "Absorbent pads (pack of 100)", 36.0),
        ("MRK-PNT", "Paint marker white", 2.1),
        ("MRK-BK", "Permanent marker black (box of 12)", 8.4),
        ("ZNK-400", "Zinc spray 400ml", 7.2),
        ("THR-LCK", "Threadlocker medium strength 50ml", 11.9),
    ]
    for code, name, price in chemicals:
        unit = "L" if name.endswith(("5L", "20L")) and "DEG" in code else "EA"
        yield ProductSpec(f"LU-{code}", name, unit, 1, price, "maintenance", 12)


FAMILY_SOURCES = [
    _bolts,
    _nuts_washers,
    _screws,
    _boxes,
    _film,
    _tape,
    _labels,
    _bags,
    _small_families,
]

# Which families a customer of each segment buys from, most typical first.
SEGMENT_FAMILIES = {
    "Automotive": [
        "fasteners",
        "gloves",
        "abrasives",
        "maintenance",
        "cable_ties",
        "labels",
        "boxes",
    ],
    "Food & beverage": ["film", "boxes", "labels", "tape", "gloves", "pallets", "bags"],
    "Logistics & warehousing": [
        "film",
        "tape",
        "pallets",
        "boxes",
        "labels",
        "strapping",
        "void_fill",
    ],
    "Construction": ["screws", "fasteners", "ppe", "gloves", "abrasives", "cable_ties"],
    "Pharma & cosmetics": ["bags", "labels", "boxes", "gloves", "tape", "ppe"],
    "E-commerce": ["boxes", "tape", "void_fill", "labels", "bags", "film"],
    "Metalworking": ["fasteners", "abrasives", "maintenance", "gloves", "ppe", "screws"],
    "Electronics": ["cable_ties", "bags", "labels", "boxes", "gloves", "tape"],
    "Chemicals": ["ppe", "gloves", "pallets", "film", "labels", "maintenance"],
}

# Share of the catalog taken from each family when sampling (the rest of the weight is spread).
FAMILY_WEIGHTS = {
    "fasteners": 0.28,
    "boxes": 0.22,
    "screws": 0.04,
    "film": 0.03,
    "tape": 0.07,
    "labels": 0.08,
    "bags": 0.07,
    "strapping": 0.01,
    "void_fill": 0.01,
    "pallets": 0.01,
    "gloves": 0.02,
    "ppe": 0.01,
    "cable_ties": 0.02,
    "abrasives": 0.03,
    "maintenance": 0.01,
}


def build_catalog(
    count: int, rng: random.Random, families: tuple[str, ...] | None = None
) -> list[ProductSpec]:
    """``count`` products with unique SKUs, sampled across families, sorted by SKU."""
    by_family: dict[str, list[ProductSpec]] = {}
    seen: set[str] = set()
    for source in FAMILY_SOURCES:
        for spec in source():
            if families is not None and spec.family not in families:
                continue
            if spec.sku not in seen:
                seen.add(spec.sku)
                by_family.setdefault(spec.family, []).append(spec)
    available = sum(len(v) for v in by_family.values())
    if count > available:
        raise ValueError(f"the demo catalog has {available} products, {count} were asked for")
    chosen: list[ProductSpec] = []
    remaining = count
    # Small families first and whole, so every segment finds its staples even in a tiny catalog.
    order = sorted(by_family, key=lambda f: len(by_family[f]))
    for index, family in enumerate(order):
        specs = by_family[family]
        left_families = len(order) - index
        want = max(
            min(len(specs), round(count * FAMILY_WEIGHTS.get(family, 0.01))), min(len(specs), 4)
        )
        want = (
            min(want, len(specs), remaining - (left_families - 1) * 2)
            if left_families > 1
            else min(len(specs), remaining)
        )
        if index == len(order) - 1:
            want = min(len(specs), remaining)
        chosen.extend(rng.sample(specs, want) if want < len(specs) else specs)
        remaining -= want
    if remaining > 0:  # the largest families fill whatever the weights left over
        taken = {s.sku for s in chosen}
        pool = [s for f in order for s in by_family[f] if s.sku not in taken]
        chosen.extend(rng.sample(pool, remaining))
    return sorted(chosen, key=lambda s: s.sku)
