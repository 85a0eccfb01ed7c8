#!/usr/bin/env python3
"""The GPU check of scripts/gpu-check.sh: the reference trainer on the 12 mnasnet-small requests that
effnas' command evaluator wrote (gpu-check/requests.json, split gpu-check/split.json), offline.

Every candidate trains on GPU 0 when CUDA is available (1 epoch of 10,000 Fashion-MNIST images, AMP);
then the first --cpu-candidates train on the CPU for --cpu-steps steps. Prints one row per run and
the training images/s of the GPU against the CPU on the same candidates.
"""
import argparse
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def run(template, split, data, out, gpu, until=None, timeout=240):
    """One training run; a CPU run (`until` steps) is for throughput only: 1,000 minival images, BN over 256."""
    r = json.loads(json.dumps(template))
    cid = r["candidate_id"] + ("-gpu" if gpu else "-cpu")
    work = os.path.join(out, cid)
    os.makedirs(work, exist_ok=True)
    r["dataset"]["path"], r["dataset"]["split_file"] = data, split
    r["checkpoint"]["write_to"] = os.path.join(work, "checkpoint.pt")
    r["device"].update(kind="gpu" if gpu else "cpu", index=0, cuda_visible_devices="0" if gpu else "")
    if until is not None:
        r["budget"]["train_until_step"] = until
        r["training"]["precise_bn_images"] = 256
        with open(split) as f:
            short = json.load(f)
        short["minival"] = short["minival"][:1000]
        split = os.path.join(work, "split.json")
        with open(split, "w") as f:
            json.dump(short, f)
        r["dataset"]["split_file"] = split
    request, result, log = (os.path.join(work, f) for f in ("request.json", "result.json", "log.txt"))
    with open(request, "w") as f:
        json.dump(r, f, indent=1)
    env = dict(os.environ, CUDA_VISIBLE_DEVICES="0" if gpu else "")
    t0 = time.time()
    with open(log, "w") as f:
        try:
            rc = subprocess.run([sys.executable, os.path.join(HERE, "train.py"), "--request", request,
                                 "--result", result], env=env, stdout=f, stderr=subprocess.STDOUT,
                                timeout=timeout).returncode
        except subprocess.TimeoutExpired:
            rc = "timeout"
    row = dict(id=cid, seconds=time.time() - t0, params=r["cost_model_params"])
    if rc != 0 or not os.path.isfile(result):
        with open(log) as f:
            row["failure"] = f"exit {rc}: " + " | ".join(f.read().strip().splitlines()[-3:])
        return row
    with open(result) as f:
        row.update(json.load(f))
    return row


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data", required=True, help="folder with train-images-idx3-ubyte.gz and train-labels-idx1-ubyte.gz")
    p.add_argument("--out", required=True)
    p.add_argument("--cpu-candidates", type=int, default=2)
    p.add_argument("--cpu-steps", type=int, default=10)
    p.add_argument("--budget-seconds", type=float, default=300, help="the whole check's time budget")
    args = p.parse_args()
    import torch
    templates = json.load(open(os.path.join(HERE, "gpu-check", "requests.json")))
    split = os.path.join(HERE, "gpu-check", "split.json")
    gpu = torch.cuda.is_available()
    print(f"torch {torch.__version__}; CUDA available: {gpu}"
          + (f" ({torch.cuda.get_device_name(0)}, {torch.cuda.device_count()} visible)" if gpu else ""))
    if not gpu:
        print("gpu-check: NO CUDA GPU on this machine: the GPU runs are skipped, only the CPU part runs; "
              "no GPU figure is measured here")
    start = time.time()
    rows = []
    if gpu:
        for t in templates:
            if time.time() - start > args.budget_seconds * 0.6:
                print(f"gpu-check: time budget reached after {len(rows)} GPU runs")
                break
            rows.append(run(t, split, args.data, args.out, True))
            print(format_row(rows[-1]), flush=True)
    cpu_rows = []
    for t in templates[:args.cpu_candidates]:
        left = args.budget_seconds - (time.time() - start)
        if left < 30:
            print("gpu-check: time budget reached before the CPU runs were done")
            break
        cpu_rows.append(run(t, split, args.data, args.out, False, until=args.cpu_steps, timeout=left))
        print(format_row(cpu_rows[-1]), flush=True)
    print("\n" + header())
    for row in rows + cpu_rows:
        print(format_row(row))
    speed = lambda rs: [r.get("train_images_per_second") for r in rs if r.get("train_images_per_second")]
    cpu = speed(cpu_rows)
    gpu_same = speed([r for r in rows if r["id"].replace("-gpu", "-cpu") in {c["id"] for c in cpu_rows}])
    if cpu:
        print(f"\nCPU training: {sum(cpu) / len(cpu):.0f} images/s (mean of {len(cpu)}, {args.cpu_steps} steps each; "
              "their top-1 is not meaningful)")
    if gpu_same and cpu:
        print(f"GPU training: {sum(gpu_same) / len(gpu_same):.0f} images/s on the same candidates "
              f"({sum(gpu_same) / sum(cpu):.1f}x the CPU)")
    failed = [r for r in rows + cpu_rows if "failure" in r]
    print(f"\n{len(rows)} GPU runs, {len(cpu_rows)} CPU runs, {len(failed)} failed, {time.time() - start:.0f} s")
    sys.exit(1 if failed or not cpu_rows else 0)


def header():
    return f"{'run':10} {'steps':>5} {'params':>8} {'top1':>7} {'img/s':>8} {'wall s':>7}  device / failure"


def format_row(r):
    if "failure" in r:
        return f"{r['id']:10} {'':>5} {r['params']:>8} {'-':>7} {'-':>8} {r['seconds']:>7.1f}  FAILED {r['failure']}"
    return (f"{r['id']:10} {r['steps']:>5} {r['params']:>8} {r['top1']:>7.4f} "
            f"{r.get('train_images_per_second') or 0:>8.0f} {r['seconds']:>7.1f}  {r.get('device', '')}")


if __name__ == "__main__":
    main()
