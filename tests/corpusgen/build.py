"""Assemble a corpus folder: masterdata, documents, truth, negatives, manifest."""

from __future__ import annotations

import csv
import json
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

from .masterdata import Customer, Product, build_customers, build_products, write_masterdata
from .orders import Order, make_order
from .pdf_layouts import LAYOUTS

KINDS = ("pdf", "fax", "email", "sheet")
# a repeating pattern gives every kind its share even for a small n
PATTERN = [
    "pdf",
    "email",
    "fax",
    "pdf",
    "sheet",
    "email",
    "pdf",
    "fax",
    "sheet",
    "email",
    "pdf",
    "pdf",
]


@dataclass
class Generated:
    name: str
    data: bytes
    truth: dict | None
    kind: str
    layout: str


@dataclass
class World:
    customers: list[Customer]
    products: list[Product]

    @property
    def by_sku(self) -> dict[str, Product]:
        return {p.sku: p for p in self.products}


def build_world(seed: int) -> World:
    rng = random.Random(f"masterdata-{seed}")
    products = build_products(rng)
    customers = build_customers(rng, products)
    return World(customers, products)


def order_for_layout(rng: random.Random, world: World, layout: str, *, customer: Customer | None = None,
                     long: bool | None = None, lang: str | None = None) -> Order:  # fmt: skip
    spec = LAYOUTS[layout]
    customer = customer or rng.choice(world.customers)
    if long is None:
        long = rng.random() < 0.15
    n_lines = rng.randint(22, 38) if long else rng.choice([1, 2, 2, 3, 3, 4, 4, 5, 6, 7, 8, 10, 12])
    with_prices = rng.random() < 0.6 if layout == "L08-description-only" else True
    order = make_order(rng, customer, world.by_sku, n_lines=n_lines, ref_policy=rng.choice(spec.ref_policies), with_prices=with_prices,
                       discount=rng.random() < spec.discount, pos_step=spec.pos_step, lang=lang)  # fmt: skip
    if long:
        order.traits.append("long order spanning two or more pages with the table header repeated")
    return order


def make_pdf(rng: random.Random, world: World, idx: int, layout: str) -> Generated:
    order = order_for_layout(rng, world, layout)
    data = LAYOUTS[layout].render(order, rng)
    name = f"{idx:04d}-po.pdf"
    return Generated(name, data, order.truth("upload", "pdf", layout), "pdf", layout)


def _fax(rng, world, idx, layout):
    from .fax import make_fax

    return make_fax(rng, world, idx, layout)


def _email(rng, world, idx, layout):
    from .emails import make_email

    return make_email(rng, world, idx)


def _sheet(rng, world, idx, layout):
    from .sheets import make_sheet

    return make_sheet(rng, world, idx)


def generate_corpus(
    out_dir: Path, *, n: int, seed: int, kinds: tuple[str, ...] = KINDS, negatives: bool = True
) -> list[Generated]:
    out_dir = Path(out_dir)
    for sub in ("masterdata", "documents", "truth", "negatives"):
        if (out_dir / sub).exists():
            shutil.rmtree(out_dir / sub)
        (out_dir / sub).mkdir(parents=True)
    world = build_world(seed)
    write_masterdata(out_dir / "masterdata", world.customers, world.products)
    pattern = [k for k in PATTERN if k in kinds]
    if not pattern:
        raise ValueError(f"no known kind in {kinds}")
    layouts = list(LAYOUTS)
    random.Random(f"layouts-{seed}").shuffle(layouts)
    counters = {k: 0 for k in KINDS}
    out: list[Generated] = []
    makers = {"pdf": make_pdf, "fax": _fax, "email": _email, "sheet": _sheet}
    for i in range(n):
        kind = pattern[i % len(pattern)]
        layout = layouts[counters[kind] % len(layouts)]
        counters[kind] += 1
        rng = random.Random(f"doc-{seed}-{i}")
        g = makers[kind](rng, world, i + 1, layout)
        (out_dir / "documents" / g.name).write_bytes(g.data)
        (out_dir / "truth" / f"{g.name}.json").write_text(
            json.dumps(g.truth, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        out.append(g)
    if negatives:
        from .negatives import make_negatives

        for g in make_negatives(random.Random(f"negatives-{seed}"), world):
            (out_dir / "negatives" / g.name).write_bytes(g.data)
            out.append(g)
    with (out_dir / "manifest.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["file", "kind", "layout", "language", "channel", "customer_code", "lines"])
        for g in out:
            if g.truth is None:
                continue
            w.writerow(
                [
                    g.name,
                    g.kind,
                    g.layout,
                    g.truth["language"],
                    g.truth["channel"],
                    g.truth["customer_code"],
                    len(g.truth["lines"]),
                ]
            )
    return out
