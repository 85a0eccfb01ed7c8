#!/usr/bin/python3
"""PyTorch peer of bench/DirectConvProbe.java: one convolution layer, forward and backward (input and
weight gradients), batch 128, random arrays, in PyTorch's default (contiguous NCHW) layout or in
channels_last, in float32 or (with --dtype bfloat16) in bf16 throughout, weights included. Pointwise (1x1, CIN -> COUT) or depthwise (KxK, 'same', stride 1, C channels), no bias.
One line per timed round, in the probe's format. A benchmark: it asserts nothing about speed.

  /usr/bin/python3 bench/conv_layer_reference.py pointwise CIN COUT HW | depthwise C K HW
      [--memory-format contiguous|channels_last] [--dtype float32|bfloat16] [--threads 2] [--warmup 2] [--rounds 3]
"""
import argparse
import os
import time

import torch


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("kind", choices=["pointwise", "depthwise"])
    p.add_argument("a", type=int, help="pointwise: CIN; depthwise: C")
    p.add_argument("b", type=int, help="pointwise: COUT; depthwise: K")
    p.add_argument("hw", type=int)
    p.add_argument("--memory-format", choices=["contiguous", "channels_last"], default="contiguous")
    p.add_argument("--dtype", choices=["float32", "bfloat16"], default="float32")
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--warmup", type=int, default=2)
    p.add_argument("--rounds", type=int, default=3)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(1)
    layout = torch.channels_last if a.memory_format == "channels_last" else torch.contiguous_format
    if a.kind == "depthwise":
        cin = cout = a.a
        conv = torch.nn.Conv2d(cin, cout, a.b, padding=(a.b - 1) // 2, groups=cin, bias=False)
        kind = "depthwise c=%d k=%d" % (cin, a.b)
    else:
        cin, cout = a.a, a.b
        conv = torch.nn.Conv2d(cin, cout, 1, bias=False)
        kind = "pointwise cin=%d cout=%d" % (cin, cout)
    dtype = getattr(torch, a.dtype)
    conv = conv.to(dtype=dtype, memory_format=layout)
    x = (torch.rand(a.batch, cin, a.hw, a.hw) - 0.5).to(dtype=dtype, memory_format=layout).requires_grad_()
    dy = (torch.rand(a.batch, cout, a.hw, a.hw) - 0.5).to(dtype=dtype, memory_format=layout)
    arm = a.memory_format + ("_bf16" if a.dtype == "bfloat16" else "")
    for r in range(a.warmup + a.rounds):
        x.grad = None
        conv.weight.grad = None
        t0 = time.perf_counter()
        y = conv(x)
        t1 = time.perf_counter()
        y.backward(dy)
        t2 = time.perf_counter()
        if r >= a.warmup:
            print("%s hw=%d batch=%d pytorch_%s_forward_ms=%.1f pytorch_%s_backward_ms=%.1f load=%.2f"
                  % (kind, a.hw, a.batch, arm, (t1 - t0) * 1e3, arm, (t2 - t1) * 1e3,
                     os.getloadavg()[0]))


if __name__ == "__main__":
    main()
