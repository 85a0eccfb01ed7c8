#!/usr/bin/python3
"""PyTorch reference for effnas's DL4J trainer: the same effnas-mini network, the same real
Fashion-MNIST images (read from the IDX files), batch 128, 2 threads.

Prints one JSON object: parameter count (must be 233,622, as effnas's cost model and DL4J count),
training images/s over --iterations steps after warm-up, peak RSS (VmHWM) and, with --epochs, test
accuracy. Run it with Debian's torch 1.13:  /usr/bin/python3 bench/pytorch_reference.py

The network follows effnas's translation rules: 'same' padding as TensorFlow computes it (extra pad
bottom/right for stride 2), conv without bias + BN (momentum 0.01 = TF decay 0.99, eps 1e-3) + swish,
MBConv with SE (bottleneck max(1, int(block_input * 0.25)), swish then sigmoid), linear projection,
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

# effnas-mini: (repeats, kernel, stride, expansion, in, out, se) per stage
STAGES = [(1, 3, 1, 1, 16, 16, 0.25), (2, 3, 2, 6, 16, 24, 0.25), (2, 5, 2, 6, 24, 40, 0.25),
          (2, 3, 1, 6, 40, 80, 0.25)]
STEM, HEAD, CLASSES, DROPOUT, DROP_CONNECT = 16, 320, 10, 0.2, 0.2


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
    def __init__(self, cin, cout, k, stride, e, se, drop_rate):
        super().__init__()
        mid = cin * e
        self.expand = None if e == 1 else nn.Sequential(SameConv(cin, mid, 1, bias=False), bn(mid), nn.SiLU())
        self.dw = nn.Sequential(SameConv(mid, mid, k, stride, groups=mid, bias=False), bn(mid), nn.SiLU())
        r = max(1, int(cin * se))
        self.se = nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Conv2d(mid, r, 1), nn.SiLU(), nn.Conv2d(r, mid, 1),
                                nn.Sigmoid())
        self.project = nn.Sequential(SameConv(mid, cout, 1, bias=False), bn(cout))
        self.residual = stride == 1 and cin == cout
        self.drop_rate = drop_rate

    def forward(self, x):
        y = x if self.expand is None else self.expand(x)
        y = self.dw(y)
        y = y * self.se(y)
        y = self.project(y)
        if not self.residual:
            return y
        if self.training and self.drop_rate > 0:
            keep = 1 - self.drop_rate
            mask = torch.empty(y.shape[0], 1, 1, 1, dtype=y.dtype).bernoulli_(keep)
            y = y * mask / keep
        return x + y


def effnas_mini():
    blocks, n = [], sum(s[0] for s in STAGES)
    for repeats, k, stride, e, cin, cout, se in STAGES:
        for r in range(repeats):
            blocks.append(MBConv(cin if r == 0 else cout, cout, k, stride if r == 0 else 1, e, se,
                                 DROP_CONNECT * len(blocks) / n))
    return nn.Sequential(SameConv(1, STEM, 3, 1, bias=False), bn(STEM), nn.SiLU(), *blocks,
                         SameConv(STAGES[-1][5], HEAD, 1, bias=False), bn(HEAD), nn.SiLU(),
                         nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Dropout(DROPOUT), nn.Linear(HEAD, CLASSES))


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic = struct.unpack(">I", data[:4])[0]
    dims = magic & 0xFF
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def load(split):
    images = read_idx(os.path.join(DATA, split + "-images-idx3-ubyte.gz")).astype(np.float32)
    labels = read_idx(os.path.join(DATA, split + "-labels-idx1-ubyte.gz")).astype(np.int64)
    x = torch.from_numpy((images / 255.0 - MEAN) / STD).unsqueeze(1)
    return x, torch.from_numpy(labels)


def peak_rss_bytes():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return -1


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--iterations", type=int, default=30, help="timed training steps (after 5 warm-up steps)")
    p.add_argument("--epochs", type=float, default=0, help="then train this many epochs and report test accuracy")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    x, y = load("train")
    net = effnas_mini()
    params = sum(t.numel() for t in net.parameters() if t.requires_grad)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    net.train()
    g = torch.Generator().manual_seed(a.seed)
    order = torch.randperm(len(x), generator=g)

    def step(i):
        idx = order[(i * a.batch) % (len(x) - a.batch):][:a.batch]
        opt.zero_grad(set_to_none=True)
        loss = F.cross_entropy(net(x[idx]), y[idx])
        loss.backward()
        opt.step()
        return loss.item()

    for i in range(5):
        step(i)
    cpu0, t0 = time.process_time(), time.perf_counter()
    for i in range(a.iterations):
        step(i + 5)
    seconds, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    result = {"framework": "pytorch " + torch.__version__, "net": "effnas-mini", "params": params,
              "batch": a.batch, "threads": a.threads, "iterations": a.iterations,
              "images_per_second": a.iterations * a.batch / seconds,
              "cpu_ms_per_image": 1000 * cpu / (a.iterations * a.batch), "peak_rss_bytes": peak_rss_bytes(),
              "load_average": os.getloadavg()[0]}
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
        xt, yt = load("t10k")
        net.eval()
        with torch.no_grad():
            correct = sum((net(xt[i:i + 500]).argmax(1) == yt[i:i + 500]).sum().item() for i in range(0, len(xt), 500))
        result.update({"epochs": a.epochs, "train_seconds": time.perf_counter() - t0, "test_top1": correct / len(xt)})
    print(json.dumps(result, indent=2))
    assert params == 233622, "effnas-mini must have 233,622 trainable parameters, built %d" % params


if __name__ == "__main__":
    main()
