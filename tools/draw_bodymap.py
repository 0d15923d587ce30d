"""Draw the first version of assets/bodymap.svg.

The SVG is the source of truth for the body map: open it in Inkscape (or any
SVG editor) to move a boundary, and `pytest tests/unit/test_regions.py` checks
the result. This script is how the figures were first drawn, kept so that a
wholesale redraw (new proportions, a finer split) stays reproducible. It needs
shapely (the `draw` extra), which the app itself never imports.

Method: one side of the body is drawn as a chain of points joined by a
Catmull-Rom spline (smooth cubic Béziers), mirrored into a whole silhouette.
Each half is cut into parts (head, neck, trunk, shoulder cap, arm, leg) along
anatomical lines; inside a part, some areas are explicit shapes (the shoulder
blade, the eye) and the rest are Voronoi cells of seed points. Everything is
clipped to the silhouette, so the regions of a view tile it with no gaps and no
overlaps by construction, and then mirrored to the other side.

Usage: python tools/draw_bodymap.py [OUT.svg]
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

import shapely
from shapely.geometry import MultiPolygon, Point, Polygon, box
from shapely.ops import unary_union

Pt = tuple[float, float]

VIEW_WIDTH = 480.0  # each view is this wide; the back view sits to the right
HEIGHT = 1000.0
MID = {"front": 240.0, "back": 720.0}

# ---------------------------------------------------------------- spline maths


def catmull_rom(points: list[Pt], closed: bool, corners: set[int]) -> list[tuple[Pt, Pt, Pt, Pt]]:
    """Cubic Bézier segments (p0, c1, c2, p1) through `points`.

    Centripetal-free uniform Catmull-Rom with tension 1/6; at indices in
    `corners` the tangent is zero, which leaves a crisp corner (armpit, crotch,
    between the fingers).
    """
    n = len(points)
    segs = []
    last = n if closed else n - 1
    for i in range(last):
        p0 = points[(i - 1) % n] if (closed or i > 0) else points[i]
        p1 = points[i]
        p2 = points[(i + 1) % n]
        p3 = points[(i + 2) % n] if (closed or i + 2 < n) else p2
        t1 = (0.0, 0.0) if i in corners else ((p2[0] - p0[0]) / 6, (p2[1] - p0[1]) / 6)
        j = (i + 1) % n
        t2 = (0.0, 0.0) if j in corners else ((p3[0] - p1[0]) / 6, (p3[1] - p1[1]) / 6)
        segs.append((p1, (p1[0] + t1[0], p1[1] + t1[1]), (p2[0] - t2[0], p2[1] - t2[1]), p2))
    return segs


def bezier_points(segs: list[tuple[Pt, Pt, Pt, Pt]], steps: int = 16) -> list[Pt]:
    out: list[Pt] = []
    for p0, c1, c2, p1 in segs:
        for k in range(steps):
            t = k / steps
            u = 1 - t
            out.append(
                (
                    u**3 * p0[0] + 3 * u * u * t * c1[0] + 3 * u * t * t * c2[0] + t**3 * p1[0],
                    u**3 * p0[1] + 3 * u * u * t * c1[1] + 3 * u * t * t * c2[1] + t**3 * p1[1],
                )
            )
    return out


def smooth_path_d(points: list[Pt], closed: bool, corners: set[int] | None = None, tx=None) -> str:
    tx = tx or (lambda p: p)
    segs = catmull_rom(points, closed, corners or set())
    p = tx(segs[0][0])
    d = [f"M{p[0]:.2f},{p[1]:.2f}"]
    for _, c1, c2, p1 in segs:
        a, b, c = tx(c1), tx(c2), tx(p1)
        d.append(f"C{a[0]:.2f},{a[1]:.2f} {b[0]:.2f},{b[1]:.2f} {c[0]:.2f},{c[1]:.2f}")
    if closed:
        d.append("Z")
    return " ".join(d)


# ---------------------------------------------------------------- the figure
# Local coordinates of one half: x is the distance from the midline (lateral
# positive), y runs down from the top of the head (y=18) to the sole (y~988).
# Proportions follow the usual eight-heads canon (head 124 units).

HEAD_NECK: list[Pt] = [
    (0, 18),
    (20, 21),
    (33, 30),
    (41, 45),
    (44, 63),
    (44, 80),
    # the ear: a full C of the helix standing off the head, not a sliver
    (45.5, 84.5),
    (50.5, 86),
    (54, 92),
    (55, 100),
    (53.5, 108),
    (50, 114.5),
    (45, 118.5),
    (42, 124),
    (36.5, 133),
    (29, 141),
    # side of the neck, then the trapezius slope to the shoulder
    (25.5, 150),
    (25, 162),
    (27.5, 174),
    (38, 183),
    (58, 190),
    (80, 196),
    (97, 202),
    (110, 209),
    (118, 220),
]

# Arm axis: shoulder joint, elbow, wrist; the hand hangs on from the wrist.
SHOULDER = (103.0, 228.0)
ELBOW = (123.0, 362.0)
WRIST = (144.0, 478.0)
HAND_DIR_TURN = -0.05  # radians: the relaxed hand turns a little toward the thigh


def _unit(a: Pt, b: Pt) -> tuple[Pt, Pt]:
    dx, dy = b[0] - a[0], b[1] - a[1]
    n = math.hypot(dx, dy)
    d = (dx / n, dy / n)
    return d, (d[1], -d[0])  # direction, and the lateral normal (points away from the body)


def along(a: Pt, b: Pt, s: float, w: float) -> Pt:
    """The point s units from a toward b, offset w units laterally."""
    d, nrm = _unit(a, b)
    return (a[0] + d[0] * s + nrm[0] * w, a[1] + d[1] * s + nrm[1] * w)


UPPER_LEN = math.dist(SHOULDER, ELBOW)
FORE_LEN = math.dist(ELBOW, WRIST)


def hand_frame() -> tuple[Pt, Pt]:
    d, _ = _unit(ELBOW, WRIST)
    c, s = math.cos(HAND_DIR_TURN), math.sin(HAND_DIR_TURN)
    d = (d[0] * c - d[1] * s, d[0] * s + d[1] * c)
    return d, (d[1], -d[0])


def hand_pt(u: float, v: float) -> Pt:
    """Hand coordinates: u from the wrist toward the fingertips, v toward the thumb."""
    d, nrm = hand_frame()
    return (WRIST[0] + d[0] * u + nrm[0] * v, WRIST[1] + d[1] * u + nrm[1] * v)


# Outer (lateral) contour of the arm: (distance along the segment, half-width).
UPPER_OUTER = [(24, 20.5), (44, 18.5), (64, 16.5), (92, 16.5), (118, 14.8)]
FORE_OUTER = [(2, 15.0), (18, 16.8), (42, 15.6), (72, 12.6), (100, 10.2)]
UPPER_INNER = [(118, 14.6), (92, 14.8), (62, 15.6), (38, 15.0)]
FORE_INNER = [(100, 9.4), (72, 11.6), (42, 14.2), (16, 15.2), (2, 14.6)]

# The hand, palm facing forward, thumb lateral; fingers held together with their
# tips apart. (u, v) in hand coordinates; indices of the notches are corners.
HAND_OUT: list[tuple[float, float, bool]] = [
    (0, 10.0, False),
    (9, 12.6, False),
    (18, 15.2, False),
    # thumb
    (27, 20.0, False),
    (37, 23.0, False),
    (47, 23.4, False),
    (53.5, 21.0, False),
    (54.0, 17.2, False),
    (48, 14.6, False),
    (40, 12.6, False),
    (34, 11.6, True),
    # index finger and the other fingertips
    (48, 12.0, False),
    (64, 11.3, False),
    (76, 10.0, False),
    (80.5, 7.4, False),
    (78.5, 4.4, True),
    (86, 3.0, False),
    (88, 0.0, False),
    (86, -2.8, False),
    (80.5, -3.6, True),
    (83, -5.6, False),
    (83.5, -8.4, False),
    (80.5, -10.4, True),
    (75.5, -11.6, False),
    (74.5, -14.4, False),
    (70.5, -16.4, False),
    (56, -16.6, False),
    (42, -16.2, False),
    (26, -15.2, False),
    (12, -12.2, False),
    (0, -9.4, False),
]

TORSO_LEG: list[Pt] = [
    # armpit (a corner) and the side of the trunk
    (91.5, 250.0),
    (90, 264),
    (90, 282),
    (88, 302),
    (84, 326),
    (80, 350),
    (78.5, 370),
    (81, 395),
    (87, 420),
    (93.5, 445),
    (97, 470),
    # outside of the leg
    (97.5, 497),
    (96, 530),
    (92, 580),
    (86.5, 630),
    (80.5, 680),
    (77.5, 718),
    (76.5, 742),
    (80, 772),
    (81, 800),
    (77, 840),
    (70, 880),
    (62.5, 914),
    (57.5, 934),
    # the foot, seen end on
    (61, 950),
    (67, 964),
    (70, 977),
    (65, 986),
    (47, 989),
    (30, 987),
    (23.5, 981),
    (23.5, 966),
    (26.5, 948),
    (29.5, 931),
    # inside of the leg up to the crotch (a corner on the midline)
    (31, 900),
    (32.5, 860),
    (34.5, 822),
    (34, 790),
    (30.5, 760),
    (28, 732),
    (27, 702),
    (24, 652),
    (18.5, 602),
    (12, 560),
    (5.5, 526),
    (0, 512),
]


def arm_outer() -> list[Pt]:
    pts = [along(SHOULDER, ELBOW, s, w) for s, w in UPPER_OUTER]
    pts += [along(ELBOW, WRIST, s, w) for s, w in FORE_OUTER]
    return pts


def arm_inner() -> list[Pt]:
    pts = [along(ELBOW, WRIST, s, -w) for s, w in FORE_INNER]
    pts += [along(SHOULDER, ELBOW, s, -w) for s, w in UPPER_INNER]
    return pts


def half_outline() -> tuple[list[Pt], set[int]]:
    """One side from the top of the head (on the midline) to the crotch."""
    pts: list[Pt] = list(HEAD_NECK) + arm_outer()
    corners: set[int] = set()
    for u, v, corner in HAND_OUT:
        if corner:
            corners.add(len(pts))
        pts.append(hand_pt(u, v))
    pts += arm_inner()
    corners.add(len(pts))  # armpit
    pts += TORSO_LEG
    return pts, corners


def full_outline() -> tuple[list[Pt], set[int]]:
    """The whole silhouette as one closed chain, in half coordinates (x signed)."""
    half, corners = half_outline()
    n = len(half)
    # half runs from the head top (index 0) to the crotch (index n-1), both on x=0.
    mirrored = [(-x, y) for x, y in reversed(half[1:-1])]
    pts = half + mirrored
    all_corners = set(corners)
    all_corners |= {n + (n - 2 - i) for i in corners if 0 < i < n - 1}
    all_corners.add(n - 1)  # crotch
    return pts, all_corners


# ---------------------------------------------------------------- parts and areas


def poly(points: list[Pt]) -> Polygon:
    return Polygon(points)


def arm_band(s0: float, s1: float, seg: str, w0: float = -60, w1: float = 60) -> Polygon:
    """A band across the arm between distances s0..s1 along the upper arm or forearm."""
    a, b = (SHOULDER, ELBOW) if seg == "upper" else (ELBOW, WRIST)
    return poly([along(a, b, s0, w0), along(a, b, s1, w0), along(a, b, s1, w1), along(a, b, s0, w1)])


def hand_box(u0: float, u1: float, v0: float, v1: float) -> Polygon:
    return poly([hand_pt(u0, v0), hand_pt(u1, v0), hand_pt(u1, v1), hand_pt(u0, v1)])


# Where the parts meet (half coordinates).
HEAD_CUT = [(-1, 152), (14, 150), (30, 140), (44, 121), (70, 121), (70, -10), (-1, -10)]
BIG = 2000.0


def parts(view: str) -> dict[str, Polygon]:
    """Cutting polygons of one half: each part is its polygon minus earlier parts."""
    neck_base = [(-1, 184), (12, 183), (28, 176), (34, 150), (70, 121)]
    arm_gap = [
        (91.5, 250),
        (93.5, 300),
        (96.5, 368),
        (113, 452),
        (116, 500),
        (112, 560),
        (109, 640),
        (109, BIG),
    ]
    shoulder_cut = [(91.5, 250), (96, 248), (140, 258), (BIG, 258)]
    chest_shoulder = [(91.5, 250), (84, 215), (78, 192), (76, 150)]
    if view == "front":
        trunk_leg = [(0, 512), (40, 488), (75, 466), (100, 450), (116, 452)]
    else:
        trunk_leg = [(0, 512), (20, 544), (55, 552), (85, 545), (100, 536), (116, 500)]
    head = poly(HEAD_CUT)
    neck = poly([(-1, -10)] + neck_base + [(BIG, 121), (BIG, -10)])
    arm = poly(arm_gap + [(BIG, BIG), (BIG, 258)] + shoulder_cut[::-1][1:-1])
    shoulder = poly(chest_shoulder[::-1] + [(96, 248), (140, 258), (BIG, 258), (BIG, 150)])
    leg = poly([(-1, trunk_leg[0][1])] + trunk_leg + [(116, 500), (109, 640), (109, BIG), (-1, BIG)])
    trunk = box(-1, -10, BIG, BIG)
    return {"head": head, "neck": neck, "arm": arm, "shoulder": shoulder, "leg": leg, "trunk": trunk}


def ellipse(cx: float, cy: float, rx: float, ry: float, n: int = 40) -> Polygon:
    return poly(
        [(cx + rx * math.cos(2 * math.pi * k / n), cy + ry * math.sin(2 * math.pi * k / n)) for k in range(n)]
    )


# Each part: ordered list of (area, shape-or-seeds). An explicit shape takes what
# is left of the part inside it; seeds then share out the rest by Voronoi.
def area_specs(view: str) -> dict[str, list[tuple[str, Polygon | list[Pt]]]]:
    elbow_s = UPPER_LEN
    if view == "front":
        head = [
            ("eye", ellipse(17.5, 87, 11.5, 7.5)),
            ("eyebrow", poly([(5, 80), (5, 72), (16, 67.5), (28, 69), (34, 75), (31, 80.5)])),
            ("ear", poly([(43.2, 82), (70, 82), (70, 121), (43.4, 121), (44, 100)])),
            (
                "nose_mouth",
                poly([(-1, 74), (5, 74), (6.5, 90), (9, 104), (16, 118), (18, 128), (12, 134), (-1, 134)]),
            ),
            ("temple", poly([(31, 50), (70, 46), (70, 96), (33, 96), (29, 81), (34, 75)])),
            ("forehead", [(8, 48), (24, 48), (10, 28), (30, 35)]),
            ("cheek", [(25, 106), (33, 102), (20, 100)]),
            ("jaw", [(37, 121), (30, 133), (22, 140)]),
            ("chin", [(6, 143)]),
        ]
        neck = [
            ("throat", poly([(-1, 140), (11, 140), (12.5, 185), (-1, 185)])),
            ("neck_side", [(22, 158), (25, 170)]),
        ]
        trunk = [
            ("sternum", poly([(-1, 180), (9.5, 180), (9.5, 302), (-1, 302)])),
            ("side_of_chest", poly([(70, 246), (100, 246), (100, 345), (76, 345), (71, 300)])),
            ("breast", ellipse(47, 259, 25, 21)),
            (
                "abdomen",
                poly(
                    [
                        (-1, 302),
                        (9.5, 302),
                        (22, 293),
                        (45, 287),
                        (70, 296),
                        (76, 345),
                        (100, 345),
                        (100, 392),
                        (-1, 392),
                    ]
                ),
            ),
            ("lower_abdomen", poly([(-1, 392), (100, 392), (82, 422), (60, 446), (38, 472), (-1, 482)])),
            ("hip_front", poly([(60, 446), (82, 422), (100, 410), (120, 450), (75, 470)])),
            ("upper_chest", [(35, 198), (62, 206), (20, 212), (74, 222)]),
            ("groin", [(34, 484), (18, 496), (58, 468)]),
        ]
        shoulder = [("shoulder_front", [(92, 214), (94, 236)]), ("shoulder_side", [(112, 214), (117, 236)])]
        arm = [
            ("elbow_inner", arm_band(elbow_s - 14, elbow_s + 16, "upper")),
            (
                "wrist_front",
                arm_band(FORE_LEN - 9, FORE_LEN + 40, "fore").difference(hand_box(6, 200, -60, 60)),
            ),
            (
                "thumb_index",
                poly(
                    [
                        hand_pt(20, 60),
                        hand_pt(20, 14.5),
                        hand_pt(33, 10.5),
                        hand_pt(46, 4.6),
                        hand_pt(120, 4.6),
                        hand_pt(120, 60),
                    ]
                ),
            ),
            ("middle_finger", hand_box(46, 120, -3.2, 4.6)),
            ("ring_little", hand_box(46, 120, -60, -3.2)),
            ("palm", hand_box(0, 120, -60, 60)),
            ("forearm_thumb_side", arm_band(0, FORE_LEN, "fore", 0, 60)),
            ("forearm_little_finger_side", arm_band(0, FORE_LEN, "fore", -60, 0)),
            ("upper_arm_front", arm_band(-40, elbow_s, "upper", -1, 60)),
            ("upper_arm_inner", arm_band(-40, elbow_s, "upper", -60, -1)),
        ]
        leg = [
            ("knee_front", ellipse(52, 724, 30, 24)),
            ("ankle_front", poly([(-1, 926), (120, 918), (120, 952), (-1, 954)])),
            ("foot_top", poly([(-1, 954), (120, 952), (120, BIG), (-1, BIG)])),
            ("thigh_inner", poly([(-1, 512), (26, 540), (38, 620), (40, 700), (-1, 700)])),
            ("thigh_front", [(60, 560), (58, 640)]),
            ("shin", [(54, 800), (50, 870)]),
        ]
        return {"head": head, "neck": neck, "trunk": trunk, "shoulder": shoulder, "arm": arm, "leg": leg}

    # back view
    head = [
        ("mastoid", poly([(34, 108), (44, 96), (70, 96), (70, 121), (44, 121), (36, 120)])),
        (
            "occiput",
            poly([(-1, 100), (20, 99), (34, 108), (36, 121), (44, 121), (30, 140), (14, 150), (-1, 152)]),
        ),
        ("side_of_head", poly([(31, 52), (44, 56), (70, 56), (70, 96), (44, 96), (34, 100)])),
        ("vertex", poly([(-1, -10), (70, -10), (70, 42), (24, 40), (-1, 38)])),
        ("back_of_head", [(12, 70), (24, 78)]),
    ]
    neck = [("neck_back", [(12, 160), (22, 165)])]
    trunk = [
        ("paraspinal_upper", poly([(-1, 184), (13, 184), (13, 306), (-1, 306)])),
        ("paraspinal_mid", poly([(-1, 306), (13, 306), (14, 400), (-1, 400)])),
        ("scapula_medial_border", poly([(29, 206), (43, 206), (54.5, 300), (40.5, 300)])),
        ("scapula_lower_tip", poly([(38, 300), (63, 300), (66, 324), (52, 346), (38, 332)])),
        ("interscapular", poly([(13, 194), (31, 198), (29, 206), (40.5, 300), (38, 306), (13, 306)])),
        (
            "neck_shoulder_angle",
            poly([(-1, 150), (48, 150), (48, 200), (36, 202), (13, 196), (13, 184), (-1, 184)]),
        ),
        ("shoulder_top", poly([(48, 150), (BIG, 150), (BIG, 206), (104, 206), (84, 201), (48, 200)])),
        ("suprascapular", poly([(36, 201), (84, 201), (104, 206), (40, 234)])),
        ("scapula", poly([(40, 234), (104, 206), (92, 228), (86, 240), (63, 300), (54, 300)])),
        ("sacrum", poly([(-1, 458), (22, 461), (16, 506), (-1, 520)])),
        ("mid_back", [(40, 360), (70, 345), (80, 310), (84, 270)]),
        ("low_back", [(20, 425), (48, 418), (72, 410)]),
        ("buttock", [(40, 505), (60, 520), (24, 530), (70, 490)]),
        ("hip_side", [(92, 472), (96, 505)]),
    ]
    shoulder = [("shoulder_back", [(100, 225), (100, 245)])]
    arm = [
        ("elbow_outer", arm_band(elbow_s - 14, elbow_s + 16, "upper", 4, 60)),
        ("elbow_back", arm_band(elbow_s - 14, elbow_s + 16, "upper")),
        ("wrist_back", arm_band(FORE_LEN - 9, FORE_LEN + 40, "fore").difference(hand_box(6, 200, -60, 60))),
        (
            "fingers_back",
            poly(
                [
                    hand_pt(20, 60),
                    hand_pt(20, 14.5),
                    hand_pt(33, 10.5),
                    hand_pt(46, 4.6),
                    hand_pt(46, -60),
                    hand_pt(120, -60),
                    hand_pt(120, 60),
                ]
            ),
        ),
        ("hand_back", hand_box(0, 120, -60, 60)),
        ("forearm_back", arm_band(0, FORE_LEN, "fore")),
        ("upper_arm_back", arm_band(-40, elbow_s, "upper")),
    ]
    leg = [
        ("knee_back", ellipse(52, 728, 30, 22)),
        ("heel", poly([(-1, 915), (120, 910), (120, BIG), (-1, BIG)])),
        ("thigh_outer", poly([(72, 540), (120, 520), (120, 700), (76, 700), (70, 620)])),
        ("thigh_back", [(45, 600), (48, 660), (30, 570)]),
        ("calf", [(52, 800), (50, 860)]),
    ]
    return {"head": head, "neck": neck, "trunk": trunk, "shoulder": shoulder, "arm": arm, "leg": leg}


def largest(geom) -> Polygon:
    if isinstance(geom, Polygon):
        return geom
    polys = [g for g in getattr(geom, "geoms", []) if isinstance(g, Polygon)]
    return max(polys, key=lambda g: g.area)


def split_half(view: str, half_poly: Polygon) -> dict[str, Polygon]:
    """Cut one half into area polygons that tile it exactly."""
    cut = parts(view)
    taken = Polygon()
    out: dict[str, Polygon] = {}
    specs = area_specs(view)
    for part_name in ("head", "neck", "arm", "shoulder", "leg", "trunk"):
        part = half_poly.intersection(cut[part_name]).difference(taken)
        taken = taken.union(part)
        rest = part
        seeded: list[tuple[str, list[Pt]]] = []
        for area, spec in specs[part_name]:
            if isinstance(spec, list):
                seeded.append((area, spec))
                continue
            piece = rest.intersection(spec)
            rest = rest.difference(piece)
            out[area] = piece
        if seeded:
            seeds = [(area, p) for area, pts in seeded for p in pts]
            cells = shapely.voronoi_polygons(
                shapely.MultiPoint([p for _, p in seeds]), extend_to=box(-BIG, -BIG, BIG, BIG)
            )
            pieces: dict[str, list] = {}
            for cell in cells.geoms:
                for area, p in seeds:
                    if cell.contains(Point(p)):
                        pieces.setdefault(area, []).append(cell.intersection(rest))
            for area, geoms in pieces.items():
                out[area] = unary_union(geoms)
        elif not rest.is_empty and rest.area > 1e-6:
            raise SystemExit(f"{view}/{part_name}: {rest.area:.1f} units left without an area")
    return tidy({a: polygons_only(g) for a, g in out.items()})


def polygons_only(geom):
    """Drop the lines and points that clipping leaves along shared edges."""
    polys = [g for g in getattr(geom, "geoms", [geom]) if isinstance(g, Polygon) and g.area > 1e-6]
    polys += [p for g in getattr(geom, "geoms", []) if isinstance(g, MultiPolygon) for p in g.geoms]
    merged = unary_union(polys)
    return merged


def tidy(regions: dict[str, Polygon]) -> dict[str, Polygon]:
    """Give stray crumbs (tiny separate pieces) to the neighbour sharing most border."""
    for _ in range(3):
        moved = False
        for area, geom in list(regions.items()):
            if isinstance(geom, Polygon):
                continue
            main = largest(geom)
            for crumb in geom.geoms:
                if crumb.equals(main):
                    continue
                best, best_len = None, 0.0
                for other, og in regions.items():
                    if other == area:
                        continue
                    shared = crumb.buffer(0.05).intersection(og).area
                    if shared > best_len:
                        best, best_len = other, shared
                if best is not None:
                    regions[best] = unary_union([regions[best], crumb])
                    moved = True
            regions[area] = main
        if not moved:
            break
    return {a: g.buffer(0) for a, g in regions.items()}


# ---------------------------------------------------------------- landmarks


def landmarks(view: str) -> list[tuple]:
    """Decorative lines (half coordinates, drawn on both sides): (points, closed, class[, corners])."""
    if view == "front":
        return [
            ([(6, 184), (22, 187), (44, 188), (64, 192), (84, 199)], False, "bone"),  # collarbone
            ([(11, 83), (17, 81), (24, 83), (17, 88)], True, "feature"),  # eye
            ([(5, 75), (15, 72.5), (27, 73.5)], False, "feature"),  # eyebrow
            ([(3, 90), (5, 104), (7.5, 109), (3, 111)], False, "feature"),  # side of the nose
            ([(0, 123), (5, 122.5), (10, 124)], False, "feature"),  # mouth
            ([(46.5, 88.5), (50.5, 90), (52.5, 96), (52.3, 104), (50, 110.5), (46.5, 114)], False, "feature"),
            ([(48, 95), (49.8, 100), (48.6, 106)], False, "feature"),  # the ear's helix and antihelix
            ([(20, 140), (14, 162), (8, 182)], False, "soft"),  # front of the SCM
            ([(20, 236), (45, 246), (70, 244), (86, 232)], False, "soft"),  # lower edge of the pectoral
            ([(92, 205), (96, 222), (100, 240)], False, "soft"),  # front of the deltoid
            ([(47, 264), (48.5, 262.5), (50, 264), (48.5, 265.5)], True, "feature"),  # nipple
            ([(22, 300), (45, 292), (70, 300)], False, "soft"),  # rib margin
            ([(78, 420), (52, 462), (14, 500)], False, "soft"),  # inguinal line
            ([(40, 708), (52, 701), (64, 708), (64, 736), (52, 744), (40, 736)], True, "bone"),  # kneecap
            ([hand_pt(46, 4.6), hand_pt(76, 4.2)], False, "soft"),  # finger lines
            ([hand_pt(46, -3.2), hand_pt(80, -3.4)], False, "soft"),
            ([hand_pt(46, -10.0), hand_pt(75, -10.6)], False, "soft"),
            (
                [along(ELBOW, WRIST, -2, -12), along(ELBOW, WRIST, 4, 0), along(ELBOW, WRIST, -2, 12)],
                False,
                "soft",
            ),
        ]
    return [
        ([(0, 182), (0, 512)], False, "spine"),
        # shoulder blade: superior angle, spine of the blade to the acromion,
        # lateral border down to the lower tip, medial border back up
        (
            [(36, 206), (60, 202), (84, 201), (92, 228), (72, 276), (50, 320), (43, 262)],
            True,
            "bone",
            {0, 2, 3, 5},
        ),
        ([(40, 234), (72, 220), (104, 205)], False, "bone"),
        ([(14, 150), (17, 172), (30, 184)], False, "soft"),  # edge of the neck muscles
        ([(20, 544), (45, 551), (70, 546)], False, "soft"),  # gluteal fold
        ([(0, 470), (22, 462), (45, 450)], False, "soft"),  # top of the pelvis
        ([(38, 732), (52, 736), (66, 732)], False, "soft"),  # knee crease
        ([(46.5, 88.5), (50.5, 90), (52.5, 96), (52.3, 104), (50, 110.5), (46.5, 114)], False, "feature"),
        ([(48, 95), (49.8, 100), (48.6, 106)], False, "feature"),  # the ear's helix and antihelix
        ([hand_pt(46, 4.6), hand_pt(76, 4.2)], False, "soft"),
        ([hand_pt(46, -3.2), hand_pt(80, -3.4)], False, "soft"),
        ([hand_pt(46, -10.0), hand_pt(75, -10.6)], False, "soft"),
    ]


# ---------------------------------------------------------------- output


def placer(view: str, side: str):
    """Half coordinates -> page coordinates for one side of one view.

    Left and right are the person's own: seen from the front, their right side is
    on the viewer's left; seen from the back it is on the viewer's right.
    """
    mid = MID[view]
    on_viewer_left = (view == "front") == (side == "right")
    sign = -1.0 if on_viewer_left else 1.0
    return lambda p: (mid + sign * p[0], p[1])


def poly_d(geom: Polygon, tx) -> str:
    rings = [geom.exterior] + list(geom.interiors)
    parts = []
    for ring in rings:
        coords = [tx(c) for c in list(ring.coords)[:-1]]
        parts.append("M" + " L".join(f"{x:.2f},{y:.2f}" for x, y in coords) + "Z")
    return " ".join(parts)


def simplify(geom: Polygon) -> Polygon:
    # Tolerance 0 only drops collinear points, so neighbours keep identical edges.
    return geom.simplify(0.0)


def _arm_strip(seg: str, s0: float, s1: float, w0: float, w1: float) -> list[Pt]:
    """A strip along the upper arm or forearm, as a chain of points for a smooth shape."""
    a, b = (SHOULDER, ELBOW) if seg == "upper" else (ELBOW, WRIST)
    mid = (s0 + s1) / 2
    return [
        along(a, b, s0, (w0 + w1) / 2),
        along(a, b, mid, w1),
        along(a, b, s1, (w0 + w1) / 2),
        along(a, b, mid, w0),
    ]


def muscle_shapes() -> dict[str, tuple[str, list[Pt]]]:
    """Where each muscle lies, roughly, as a smooth closed shape in half coordinates.

    Drawn from surface anatomy so the app can show "the muscle itself" next to its
    trigger points and referral zones; not a dissection. The view where it mostly shows;
    a part that wraps round to the other view is in muscle_parts_on_other_view().
    """
    return {
        # back view: neck and upper back
        "upper_trapezius": (
            "back",
            [(1, 132), (14, 140), (24, 160), (34, 180), (62, 191), (98, 204), (60, 203), (30, 199), (1, 192)],
        ),
        "middle_trapezius": ("back", [(1, 194), (36, 201), (90, 206), (48, 226), (14, 246), (1, 248)]),
        # its outer edge crosses the blade's inner edge near the lower tip (TrP3)
        "lower_trapezius": ("back", [(1, 250), (20, 244), (42, 238), (42, 286), (48, 318), (30, 332), (1, 344)]),
        "levator_scapulae": ("back", [(12, 134), (22, 136), (30, 172), (41, 204), (33, 207), (18, 170)]),
        "rhomboids": ("back", [(2, 188), (18, 194), (36, 208), (46, 298), (30, 290), (2, 262)]),
        "serratus_posterior_superior": ("back", [(2, 188), (14, 190), (62, 236), (58, 250), (2, 214)]),
        # its outer end passes under the acromion, in the top of the shoulder
        "supraspinatus": ("back", [(38, 208), (60, 201), (76, 194), (90, 199), (98, 210), (70, 220), (44, 232)]),
        "infraspinatus": (
            "back",
            [(46, 238), (72, 224), (96, 212), (88, 236), (64, 290), (51, 312), (46, 290)],
        ),
        "teres_minor": ("back", [(90, 232), (100, 240), (84, 268), (74, 266)]),
        "teres_major": ("back", [(52, 314), (64, 294), (100, 250), (106, 258), (70, 312)]),
        "latissimus_dorsi": (
            "back",
            [
                (2, 300),
                (50, 324),
                (72, 300),
                (102, 254),
                (106, 264),
                (92, 300),
                (86, 360),
                (92, 430),
                (60, 452),
                (2, 460),
            ],
        ),
        "subscapularis": ("back", [(38, 208), (84, 203), (92, 228), (72, 276), (50, 318), (43, 262)]),
        # the outer part of the ridge beside the spine, reaching into the paraspinal strip
        "iliocostalis_thoracis": ("back", [(16, 250), (26, 250), (32, 330), (30, 400), (20, 400), (10, 340), (14, 300)]),
        "longissimus_thoracis": ("back", [(6, 214), (13, 214), (15, 330), (16, 440), (8, 440), (7, 330)]),
        "thoracic_multifidi": ("back", [(1, 198), (6, 198), (6, 300), (6, 400), (1, 400), (1, 300)]),
        "posterior_cervicals": ("back", [(1, 126), (12, 130), (14, 160), (12, 186), (1, 188)]),
        "splenius_capitis": ("back", [(1, 178), (10, 150), (24, 118), (32, 112), (28, 132), (12, 170)]),
        "splenius_cervicis": ("back", [(2, 214), (8, 190), (16, 160), (22, 150), (20, 170), (12, 212)]),
        "suboccipitals": ("back", [(1, 112), (14, 110), (24, 114), (20, 126), (1, 128)]),
        "triceps_brachii": ("back", _arm_strip("upper", 28, 126, -13, 13)),
        "forearm_extensors": ("back", _arm_strip("fore", 6, 96, -6, 12)),
        "supinator": ("back", _arm_strip("fore", 4, 32, 2, 12)),
        # back view: low back, hip and leg
        "quadratus_lumborum": ("back", [(15, 398), (38, 396), (46, 430), (42, 456), (18, 458)]),
        "lumbar_paraspinals": ("back", [(2, 396), (15, 396), (18, 430), (18, 468), (2, 470)]),
        "gluteus_maximus": ("back", [(3, 472), (40, 464), (78, 490), (84, 532), (44, 552), (12, 534)]),
        "gluteus_medius": ("back", [(30, 456), (70, 446), (94, 466), (84, 492), (46, 474)]),
        "gluteus_minimus": ("back", [(52, 462), (84, 456), (94, 480), (70, 484)]),
        "piriformis": ("back", [(12, 494), (40, 488), (90, 496), (88, 504), (40, 504)]),
        "hamstrings": ("back", [(28, 552), (74, 554), (68, 640), (62, 712), (44, 714), (36, 640)]),
        "gastrocnemius": ("back", [(34, 748), (72, 748), (78, 790), (66, 838), (44, 838), (32, 790)]),
        "soleus": ("back", [(38, 812), (70, 808), (66, 880), (52, 912), (42, 880)]),
        # front view: head and neck
        "temporalis": ("front", [(31, 52), (42, 50), (45, 70), (42, 90), (35, 92), (32, 72)]),
        "masseter": ("front", [(31, 104), (40, 104), (42, 118), (38, 130), (31, 126)]),
        # back belly from behind the jaw's angle, front belly to the chin
        "digastric": ("front", [(4, 142), (14, 147), (26, 149), (33, 140), (38, 126), (34, 124), (16, 138)]),
        "sternocleidomastoid": ("front", [(5, 186), (12, 184), (28, 150), (42, 116), (37, 114), (20, 150)]),
        # from the neck bones (C3-C6, deep to the SCM) down to the first rib behind the collarbone;
        # seen in the lower side of the neck, behind the SCM's back edge
        "scalenes": ("front", [(20, 138), (23.5, 140), (24, 156), (25.5, 169), (33, 185), (25, 190), (17, 179), (18.5, 158)]),
        # front view: chest and arm
        "pectoralis_major": (
            "front",
            [(9, 190), (30, 187), (60, 193), (80, 200), (94, 228), (90, 250), (66, 272), (36, 280), (9, 276)],
        ),
        "pectoralis_minor": ("front", [(32, 214), (48, 208), (82, 206), (62, 236), (36, 252)]),
        "subclavius": ("front", [(12, 190), (44, 190), (78, 199), (78, 205), (44, 197), (12, 196)]),
        "sternalis": ("front", [(3, 188), (11, 188), (12, 240), (11, 292), (3, 292), (3, 240)]),
        "serratus_anterior": ("front", [(74, 248), (92, 256), (90, 300), (84, 336), (70, 330), (72, 290)]),
        "deltoid": (
            "front",
            [(80, 196), (98, 202), (114, 210), (124, 232), (126, 262), (112, 262), (96, 244), (86, 222)],
        ),
        "biceps_brachii": ("front", _arm_strip("upper", 30, 122, -9, 12)),
        "coracobrachialis": ("front", _arm_strip("upper", 12, 72, -14, -4)),
        "brachialis": ("front", _arm_strip("upper", 82, 134, -8, 11)),
        "brachioradialis": ("front", _arm_strip("fore", -14, 72, 5, 16)),
        "forearm_flexors": ("front", _arm_strip("fore", 6, 96, -13, 4)),
        # front view: abdomen, hip and leg
        "rectus_abdominis": ("front", [(2, 298), (24, 296), (26, 380), (22, 470), (2, 482)]),
        "iliopsoas": ("front", [(28, 416), (56, 418), (58, 460), (50, 500), (36, 504), (30, 460)]),
        "tensor_fasciae_latae": ("front", [(80, 440), (95, 450), (96, 486), (92, 524), (82, 516)]),
        # vastus medialis bulges onto the inner thigh above the knee
        "quadriceps": ("front", [(44, 522), (90, 522), (84, 610), (68, 704), (46, 706), (32, 668), (40, 610)]),
        "adductors": ("front", [(4, 522), (34, 526), (42, 600), (36, 650), (22, 650), (12, 580)]),
        "tibialis_anterior": ("front", [(56, 758), (72, 760), (70, 840), (62, 920), (54, 920), (56, 840)]),
    }


def muscle_parts_on_other_view() -> dict[str, tuple[str, list[Pt]]]:
    """Where a muscle drawn on one view also shows on the other, and has a trigger point
    there: drawn as `m-MUSCLE.SIDE.VIEW`, so that point lies on its muscle too."""
    return {
        # the outer edge of latissimus forms the back wall of the armpit, down the side of the chest
        "latissimus_dorsi": (
            "front",
            [(81, 249), (89, 248), (91, 262), (90, 285), (87, 310), (83, 328), (79, 318), (78, 290), (78, 265)],
        ),
        # subscapularis is reached in the armpit, on the front of the shoulder blade
        "subscapularis": ("front", [(73, 250), (81, 246.5), (89, 249), (90, 258), (85, 266), (77, 266), (73, 259)]),
        # the posterior deltoid, from the spine of the blade over the back of the shoulder
        "deltoid": (
            "back",
            [(81, 199), (96, 201), (112, 209), (121, 224), (124, 243), (118, 253), (106, 250), (94, 237), (86, 217)],
        ),
        # the radial wrist extensors on the thumb side of the forearm, seen from the front
        "forearm_extensors": (
            "front",
            [(136, 373), (142.5, 372), (146, 390), (146.5, 415), (145, 438), (141.5, 441), (138, 416), (133, 391)],
        ),
        # supinator, just below the elbow on the thumb side
        "supinator": ("front", [(128, 377), (136, 375), (140, 384), (138.5, 395), (132, 395), (127.5, 386)]),
        # vastus lateralis on the outside of the thigh, seen from the back
        "quadriceps": (
            "back",
            [(93, 548), (80, 549), (77, 580), (74, 630), (73, 668), (76, 688), (79, 680), (82.5, 650), (87, 610), (90.5, 575)],
        ),
    }


def build_svg() -> str:
    import yaml

    areas = yaml.safe_load((Path(__file__).resolve().parents[1] / "data" / "areas.yaml").read_text())["areas"]
    outline_pts, corners = full_outline()
    dense = bezier_points(catmull_rom(outline_pts, True, corners), steps=4)
    silhouette = Polygon(dense).buffer(0)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        "<!-- bodymap body map: the source of truth for region shapes. One path per region,",
        "     id AREA.SIDE (the person's own side); areas are described in data/areas.yaml.",
        "     Regions of a view must tile its outline with no gaps or overlaps:",
        "     tests/unit/test_regions.py checks that after every edit. -->",
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {2 * VIEW_WIDTH:.0f} {HEIGHT:.0f}" '
        f'width="{2 * VIEW_WIDTH:.0f}" height="{HEIGHT:.0f}">',
        "<style>.region{fill:#f3e3d3;stroke:#c9ad96;stroke-width:0.4}"
        ".outline{fill:none;stroke:#5b4636;stroke-width:1.6}"
        ".landmark{fill:none;stroke:#8c6f5a;stroke-width:0.9;stroke-linecap:round}"
        # where each muscle lies: drawn by the app when a muscle is shown, hidden here
        ".muscle{fill:none;stroke:none}</style>",
    ]
    for view in ("front", "back"):
        half = silhouette.intersection(box(0, -BIG, BIG, BIG))
        regions = {a: simplify(g) for a, g in split_half(view, half).items()}
        missing = [a for a, v in areas.items() if v["view"] == view and a not in regions]
        extra = [a for a in regions if areas.get(a, {}).get("view") != view]
        if missing or extra:
            raise SystemExit(f"{view}: areas missing {missing}, unexpected {extra}")
        out.append(f'<g id="{view}">')
        out.append(f'<g id="{view}-regions">')
        for side in ("right", "left"):
            tx = placer(view, side)
            for area in sorted(regions):
                geom = regions[area]
                if not isinstance(geom, Polygon):
                    raise SystemExit(f"{view}/{area} is in {len(geom.geoms)} pieces")
                label = f"{areas[area]['label']} — {side}"
                out.append(
                    f'<path id="{area}.{side}" class="region" d="{poly_d(geom, tx)}"><title>{label}</title></path>'
                )
        out.append("</g>")
        tx = placer(view, "left" if view == "front" else "right")  # x -> mid + x
        out.append(
            f'<path id="{view}-outline" class="outline" d="{smooth_path_d(outline_pts, True, corners, tx)}"/>'
        )
        out.append(f'<g id="{view}-landmarks">')
        for side in ("right", "left"):
            tx = placer(view, side)
            for pts, closed, kind, *corners in landmarks(view):
                if kind == "spine" and side == "left":
                    continue
                d = smooth_path_d(pts, closed, corners[0] if corners else None, tx)
                out.append(f'<path class="landmark {kind}" d="{d}"/>')
        out.append("</g>")
        out.append(f'<g id="{view}-muscles">')
        # where a muscle mostly shows (m-MUSCLE.SIDE), then its parts on the other view
        for shapes, suffix in ((muscle_shapes(), ""), (muscle_parts_on_other_view(), f".{view}")):
            for muscle, (muscle_view, pts) in shapes.items():
                if muscle_view != view:
                    continue
                for side in ("right", "left"):
                    d = smooth_path_d(pts, True, None, placer(view, side))
                    out.append(f'<path id="m-{muscle}.{side}{suffix}" class="muscle" d="{d}"/>')
        out.append("</g>")
        out.append("</g>")
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main() -> None:
    target = (
        Path(sys.argv[1])
        if len(sys.argv) > 1
        else Path(__file__).resolve().parents[1] / "assets" / "bodymap.svg"
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(build_svg(), encoding="utf-8")
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
