#!/usr/bin/env python3
"""Compares motion-correction shifts with the simulator's truth and prints the bench table.

usage: qc_compare.py LABEL TRUTH_DIR SCOPEFLOW_JSON SCOPEFLOW_WALL_S RELION_JOB_DIR RELION_WALL_S N_MOVIES
Shifts compared are the specimen displacement per frame relative to frame 1, in pixels:
scopeflow reports it in Å (divided by the pixel size here); RELION stores the correction
(rlnMicrographShiftX/Y = -displacement, in pixels).
"""
import json
import math
import os
import sys


def rms(est, truth):
    n = len(truth)
    return math.sqrt(sum((ex - tx) ** 2 + (ey - ty) ** 2 for (ex, ey), (tx, ty) in zip(est, truth)) / n)


def truth_track(truth_dir, movie_name):
    t = json.load(open(os.path.join(truth_dir, movie_name + ".json")))
    return [(d["x_pixel"], d["y_pixel"]) for d in t["drift"]]


def relion_track(star_path):
    rows, in_loop, cols = [], False, []
    for line in open(star_path):
        s = line.strip()
        if s.startswith("data_"):
            in_loop = s == "data_global_shift"
            cols = []
            continue
        if not in_loop or not s or s.startswith("#") or s == "loop_":
            continue
        if s.startswith("_"):
            cols.append(s.split()[0])
            continue
        v = s.split()
        rows.append((float(v[cols.index("_rlnMicrographShiftX")]), float(v[cols.index("_rlnMicrographShiftY")])))
    x0, y0 = rows[0]
    return [(-(x - x0), -(y - y0)) for x, y in rows]


def main():
    label, truth_dir, sf_json, sf_wall, relion_dir, relion_wall, n = sys.argv[1:8]
    n = int(n)
    doc = json.load(open(sf_json))
    sf_err, rl_err = [], []
    for r in doc["results"]:
        name = os.path.basename(r["file"])
        truth = truth_track(truth_dir, name)
        px = r["pixel_size_angstrom"]
        sf = [(s["x_angstrom"] / px, s["y_angstrom"] / px) for s in r["shifts"]]
        sf_err.append(rms(sf, truth))
        star = os.path.join(relion_dir, "Movies", os.path.splitext(name)[0] + ".star")
        if os.path.exists(star):
            rl_err.append(rms(relion_track(star), truth))
    def row(tool, wall, errs):
        if not errs:
            return f"| {label:<16} | {tool:<26} | {float(wall) / n:>10.3f} | {'n/a':>14} | {'n/a':>14} |"
        mean = sum(errs) / len(errs)
        return f"| {label:<16} | {tool:<26} | {float(wall) / n:>10.3f} | {mean:>14.3f} | {max(errs):>14.3f} |"
    print(row("scopeflow qc motion", sf_wall, sf_err))
    print(row("relion_run_motioncorr (own)", relion_wall, rl_err))
    if len(rl_err) != len(sf_err):
        print(f"  (RELION produced shifts for {len(rl_err)} of {len(sf_err)} movies)")


if __name__ == "__main__":
    main()
