#!/usr/bin/python3
"""PyTorch reference for effnas's DL4J benchmarks: the same network, batch and threads, in three modes.

  train (default)  Adam training steps on real Fashion-MNIST images (read from the IDX files), or on one
                   fixed random batch with --synthetic; images/s, CPU ms per image, peak RSS (VmHWM) and,
                   with --epochs, test accuracy. Mirrors `effnas bench train`.
  infer            eval mode under torch.no_grad: batch-1 latency (median, p10, p90 of --runs runs) and
                   batch-64 throughput on fixed random inputs. Mirrors `effnas bench infer`.
  gemm             single-precision matrix product (torch.mm) of --sizes: GFLOP/s = 2 n^3 / seconds.
                   Mirrors `effnas bench gemm`.

The network is effnas-mini (233,622 params, asserted) unless --spec names a spec file as effnas writes it
(`effnas bench train|infer ... --save-spec FILE`); --expect-params then asserts DL4J's count.
Run it with Debian's torch 1.13:  /usr/bin/python3 bench/pytorch_reference.py [--mode infer] ...

The network follows effnas's translation rules: 'same' padding as TensorFlow computes it (extra pad
bottom/right for stride 2), conv without bias + BN (momentum 0.01 = TF decay 0.99, eps 1e-3) + swish,
MBConv with SE (bottleneck max(1, int(block_input * se)), swish then sigmoid), linear projection,
identity residual with per-example drop-connect growing linearly with the block index, dropout 0.2.
"""
import argparse
import gzip
import json
import math
import os
import struct
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

DATA = "/usr/share/datasets/fashion-mnist"
MEAN, STD = 0.2861, 0.3530  # Fashion-MNIST training images (effnas's data module measures the same)

# effnas-mini, as search-space/src/main/resources/org/effnas/reference/effnas-mini.yaml writes it
EFFNAS_MINI = {"resolution": 28, "in_channels": 1, "classes": 10, "stem": "k3_s1_o16",
               "blocks": ["r1_k3_s11_e1_i16_o16_se0.25", "r2_k3_s22_e6_i16_o24_se0.25",
                          "r2_k5_s22_e6_i24_o40_se0.25", "r2_k3_s11_e6_i40_o80_se0.25"],
               "head": "o320", "activation": "swish", "dropout": 0.2, "drop_connect": 0.2}
EFFNAS_MINI_PARAMS = 233622


class SameConv(nn.Conv2d):
    """Conv2d with TensorFlow's 'same' padding: output ceil(in / stride), extra pixel bottom/right."""

    def forward(self, x):
        h, w = x.shape[-2:]
        k, s = self.kernel_size[0], self.stride[0]
        ph = max((math.ceil(h / s) - 1) * s + k - h, 0)
        pw = max((math.ceil(w / s) - 1) * s + k - w, 0)
        if ph or pw:
            x = F.pad(x, [pw // 2, pw - pw // 2, ph // 2, ph - ph // 2])
        return F.conv2d(x, self.weight, self.bias, self.stride, 0, self.dilation, self.groups)


def bn(c):
    return nn.BatchNorm2d(c, momentum=0.01, eps=1e-3)


class MBConv(nn.Module):
    def __init__(self, cin, cout, k, stride, e, se, skip, drop_rate, act):
        super().__init__()
        mid = cin * e
        self.expand = None if e == 1 else nn.Sequential(SameConv(cin, mid, 1, bias=False), bn(mid), act())
        self.dw = nn.Sequential(SameConv(mid, mid, k, stride, groups=mid, bias=False), bn(mid), act())
        self.se = None
        if se > 0:
            r = max(1, int(cin * se))
            self.se = nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Conv2d(mid, r, 1), act(), nn.Conv2d(r, mid, 1),
                                    nn.Sigmoid())
        self.project = nn.Sequential(SameConv(mid, cout, 1, bias=False), bn(cout))
        self.residual = skip and stride == 1 and cin == cout
        self.drop_rate = drop_rate

    def forward(self, x):
        y = x if self.expand is None else self.expand(x)
        y = self.dw(y)
        if self.se is not None:
            y = y * self.se(y)
        y = self.project(y)
        if not self.residual:
            return y
        if self.training and self.drop_rate > 0:
            keep = 1 - self.drop_rate
            mask = torch.empty(y.shape[0], 1, 1, 1, dtype=y.dtype).bernoulli_(keep)
            y = y * mask / keep
        return x + y


def parse_block(text):
    """One block string such as r2_k3_s22_e6_i16_o24_se0.25 (MBConv stages only)."""
    if text.startswith(("sep_", "conv_")):
        raise SystemExit("spec: stage '%s': only MBConv stages have a PyTorch translation here" % text)
    b = {"se": 0.0, "skip": True}
    for tok in text.split("_"):
        if tok == "noskip":
            b["skip"] = False
        elif tok.startswith("se"):
            b["se"] = float(tok[2:])
        elif tok[0] == "s":
            b["s"] = int(tok[1])
        else:
            b[tok[0]] = int(tok[1:])
    return b


def build(spec):
    """The network of an effnas spec (a dict as in a spec file), as effnas's GraphTranslator builds it."""
    act = {"swish": nn.SiLU, "relu": nn.ReLU}[spec.get("activation", "swish")]
    stem = {t[0]: int(t[1:]) for t in spec["stem"].split("_")}
    stages = [parse_block(t) for t in spec["blocks"]]
    n = sum(st["r"] for st in stages)
    drop_connect = spec.get("drop_connect", 0.2)
    layers = [SameConv(spec["in_channels"], stem["o"], stem["k"], stem["s"], bias=False), bn(stem["o"]), act()]
    index = 0
    for st in stages:
        for r in range(st["r"]):
            layers.append(MBConv(st["i"] if r == 0 else st["o"], st["o"], st["k"], st["s"] if r == 0 else 1, st["e"],
                                 st["se"], st["skip"], drop_connect * index / n, act))
            index += 1
    head = int(spec["head"][1:])
    layers += [SameConv(stages[-1]["o"], head, 1, bias=False), bn(head), act(), nn.AdaptiveAvgPool2d(1),
               nn.Flatten(), nn.Dropout(spec.get("dropout", 0.2)), nn.Linear(head, spec["classes"])]
    return nn.Sequential(*layers)


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic = struct.unpack(">I", data[:4])[0]
    dims = magic & 0xFF
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def load(split, resolution=28, channels=1):
    images = read_idx(os.path.join(DATA, split + "-images-idx3-ubyte.gz")).astype(np.float32)
    labels = read_idx(os.path.join(DATA, split + "-labels-idx1-ubyte.gz")).astype(np.int64)
    x = torch.from_numpy((images / 255.0 - MEAN) / STD).unsqueeze(1)
    if resolution != x.shape[-1]:
        x = F.interpolate(x, size=(resolution, resolution), mode="bilinear", align_corners=False)
    if channels != 1:
        x = x.expand(-1, channels, -1, -1)
    return x, torch.from_numpy(labels)


def peak_rss_bytes():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return -1


def quantile(sorted_values, q):
    pos = q * (len(sorted_values) - 1)
    lo = int(math.floor(pos))
    hi = min(len(sorted_values) - 1, lo + 1)
    return sorted_values[lo] + (pos - lo) * (sorted_values[hi] - sorted_values[lo])


def train(a, spec, net, result):
    r, c = spec["resolution"], spec["in_channels"]
    if a.synthetic:
        g = torch.Generator().manual_seed(a.seed)
        x = torch.randn(a.batch, c, r, r, generator=g)
        y = torch.randint(0, spec["classes"], (a.batch,), generator=g)
    else:
        x, y = load("train", r, c)
    x = x.contiguous(memory_format=a.layout)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    net.train()
    g = torch.Generator().manual_seed(a.seed)
    order = torch.randperm(len(x), generator=g)

    def step(i):
        idx = order[(i * a.batch) % max(1, len(x) - a.batch):][:a.batch]
        opt.zero_grad(set_to_none=True)
        loss = F.cross_entropy(net(x[idx]), y[idx])
        loss.backward()
        opt.step()
        return loss.item()

    for i in range(a.warmup):
        step(i)
    cpu0, t0 = time.process_time(), time.perf_counter()
    for i in range(a.iterations):
        step(i + a.warmup)
    seconds, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    rate = a.iterations * a.batch / seconds
    result.update({"batch": a.batch, "data": "synthetic" if a.synthetic else "fashion-mnist", "iterations": a.iterations,
                   "images_per_second": rate, "cpu_ms_per_image": 1000 * cpu / (a.iterations * a.batch)})
    if a.macs:
        result["gflops_per_second"] = 6.0 * a.macs * rate / 1e9
    if a.epochs > 0:
        steps = int(a.epochs * len(x) / a.batch)
        t0 = time.perf_counter()
        for i in range(steps):
            if i % (len(x) // a.batch) == 0:
                order = torch.randperm(len(x), generator=g)
            idx = order[(i % (len(x) // a.batch)) * a.batch:][:a.batch]
            opt.zero_grad(set_to_none=True)
            F.cross_entropy(net(x[idx]), y[idx]).backward()
            opt.step()
        xt, yt = load("t10k", r, c)
        net.eval()
        with torch.no_grad():
            correct = sum((net(xt[i:i + 500]).argmax(1) == yt[i:i + 500]).sum().item() for i in range(0, len(xt), 500))
        result.update({"epochs": a.epochs, "train_seconds": time.perf_counter() - t0, "test_top1": correct / len(xt)})


def infer(a, spec, net, result):
    """Batch-1 latency and batch-64 throughput in eval mode on fixed random inputs (values do not change cost)."""
    r, c = spec["resolution"], spec["in_channels"]
    g = torch.Generator().manual_seed(1)
    net.eval()
    rows = []
    with torch.no_grad():
        for batch in (1, a.throughput_batch):
            x = torch.randn(batch, c, r, r, generator=g).contiguous(memory_format=a.layout)
            for _ in range(a.warmup_runs):
                net(x)
            ms = []
            for _ in range(a.runs):
                t0 = time.perf_counter()
                net(x)
                ms.append((time.perf_counter() - t0) * 1000)
            ms.sort()
            median = quantile(ms, 0.5)
            rows.append({"batch": batch, "runs": a.runs, "median_ms": median, "p10_ms": quantile(ms, 0.1),
                         "p90_ms": quantile(ms, 0.9), "images_per_second": batch * 1000 / median})
    result.update({"weights": "random (speed only)", "results": rows})


def gemm(a, result):
    """torch.mm of square float32 matrices: the best of --runs timed products per size."""
    rows = []
    g = torch.Generator().manual_seed(1)
    for n in a.sizes:
        x, w = torch.randn(n, n, generator=g), torch.randn(n, n, generator=g)
        out = torch.empty(n, n)
        torch.mm(x, w, out=out)
        times = []
        for _ in range(a.runs):
            t0 = time.perf_counter()
            torch.mm(x, w, out=out)
            times.append(time.perf_counter() - t0)
        times.sort()
        rows.append({"n": n, "runs": a.runs, "best_gflops_per_second": 2.0 * n ** 3 / times[0] / 1e9,
                     "median_gflops_per_second": 2.0 * n ** 3 / quantile(times, 0.5) / 1e9})
    result.update({"op": "torch.mm float32", "results": rows})


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--mode", choices=["train", "infer", "gemm"], default="train")
    p.add_argument("--spec", help="spec file (YAML or JSON) as effnas writes it; default effnas-mini")
    p.add_argument("--expect-params", type=int, help="assert this trainable parameter count (DL4J's)")
    p.add_argument("--macs", type=int, help="MACs per image (effnas's cost model), for GFLOP/s")
    p.add_argument("--synthetic", action="store_true", help="train: one fixed random batch instead of Fashion-MNIST")
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--iterations", type=int, default=30, help="train: timed training steps (after --warmup)")
    p.add_argument("--warmup", type=int, default=5, help="train: untimed steps first")
    p.add_argument("--epochs", type=float, default=0, help="train: then this many epochs and test accuracy")
    p.add_argument("--runs", type=int, default=50, help="infer/gemm: timed runs per batch size or matrix size")
    p.add_argument("--warmup-runs", type=int, default=10, help="infer: untimed runs first")
    p.add_argument("--throughput-batch", type=int, default=64, help="infer: batch of the throughput figure")
    p.add_argument("--sizes", type=int, nargs="+", default=[1024, 2048], help="gemm: matrix sizes")
    p.add_argument("--memory-format", choices=["contiguous", "channels_last"], default="contiguous",
                   help="train/infer: PyTorch's activation layout; channels_last keeps NHWC from layer to layer")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    a.layout = torch.channels_last if a.memory_format == "channels_last" else torch.contiguous_format
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    result = {"framework": "pytorch " + torch.__version__, "mode": a.mode, "threads": torch.get_num_threads(),
              "memory_format": a.memory_format,
              "cpu": cpu_name()}
    if a.mode == "gemm":
        gemm(a, result)
    else:
        if a.spec:
            import yaml  # Debian's python3-yaml; JSON is YAML too
            with open(a.spec) as f:
                spec = yaml.safe_load(f)
            expected = a.expect_params
        else:
            spec, expected = EFFNAS_MINI, EFFNAS_MINI_PARAMS
        net = build(spec).to(memory_format=a.layout)
        params = sum(t.numel() for t in net.parameters() if t.requires_grad)
        result.update({"net": a.spec or "effnas-mini", "resolution": spec["resolution"],
                       "channels": spec["in_channels"], "classes": spec["classes"], "params": params})
        if expected is not None and params != expected:
            raise SystemExit("the PyTorch net has %d trainable parameters, DL4J's has %d: not the same network"
                             % (params, expected))
        (infer if a.mode == "infer" else train)(a, spec, net, result)
    result.update({"peak_rss_bytes": peak_rss_bytes(), "load_average": os.getloadavg()[0]})
    print(json.dumps(result, indent=2))


def cpu_name():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip() + " x" + str(os.cpu_count())
    except OSError:
        pass
    return os.uname().machine


if __name__ == "__main__":
    main()
