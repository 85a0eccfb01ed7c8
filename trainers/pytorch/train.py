#!/usr/bin/env python3
"""effnas' reference PyTorch trainer: the command behind `evaluator: command` (docs/worker.md).

    python3 train.py --request REQUEST.json --result RESULT.json
    python3 train.py --count-params SPECS.json        # trainable parameters of each spec, as JSON

It reads the request effnas wrote, builds the spec (model.py), trains it with the request's recipe on
the request's split (data.py), resumes from / writes the checkpoints the request names, evaluates on
minival and writes the result JSON. Copy it as the start of your own trainer: effnas only needs the
result file (top1 required) and a zero exit status.
"""
import argparse
import contextlib
import hashlib
import json
import math
import os
import sys
import time

import torch
import torch.nn.functional as F
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # model.py, data.py
import data  # noqa: E402
import model as effnas_model  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
VERSION = "effnas-pytorch-trainer 1 (sha256 " + hashlib.sha256(b"".join(
    open(os.path.join(HERE, f), "rb").read() for f in ("train.py", "model.py", "data.py"))).hexdigest()[:12] + ")"


class RMSPropTF(torch.optim.Optimizer):
    """TensorFlow 1's RMSProp with momentum, as the EfficientNet/MnasNet papers train: mean square
    starts at 1, epsilon inside the square root (torch's RMSprop differs in both)."""

    def __init__(self, params, lr, decay=0.9, momentum=0.9, eps=1e-3, weight_decay=0.0):
        super().__init__(params, dict(lr=lr, decay=decay, momentum=momentum, eps=eps, weight_decay=weight_decay))

    @torch.no_grad()
    def step(self):
        for g in self.param_groups:
            for p in g["params"]:
                if p.grad is None:
                    continue
                d = p.grad.add(p, alpha=g["weight_decay"]) if g["weight_decay"] else p.grad
                st = self.state[p]
                if not st:
                    st["ms"], st["mom"] = torch.ones_like(p), torch.zeros_like(p)
                st["ms"].mul_(g["decay"]).addcmul_(d, d, value=1 - g["decay"])
                st["mom"].mul_(g["momentum"]).addcdiv_(d, (st["ms"] + g["eps"]).sqrt(), value=g["lr"])
                p.sub_(st["mom"])


def learning_rate(step, training, budget):
    """effnas' schedule: linear warm-up, then constant, exponential (x0.97 every 2.4 epochs) or cosine."""
    peak, warmup, total = training["learning_rate"], budget["warmup_steps"], budget["total_steps"]
    if step < warmup:
        return peak * (step + 1) / warmup
    after = step - warmup
    if training["schedule"] == "exponential":
        return peak * 0.97 ** math.floor(after / (2.4 * budget["steps_per_epoch"]))
    if training["schedule"] == "cosine":
        return peak * 0.5 * (1 + math.cos(math.pi * min(1.0, after / max(1, total - warmup))))
    return peak


def optimizer(net, training):
    # L2 on conv and dense weights only (not biases, not batch norm), as the official code
    decay = [p for p in net.parameters() if p.ndim > 1]
    rest = [p for p in net.parameters() if p.ndim <= 1]
    groups = [dict(params=decay, weight_decay=training["weight_decay"]), dict(params=rest, weight_decay=0.0)]
    if training["optimizer"] == "rmsprop":
        return RMSPropTF(groups, lr=training["learning_rate"])
    return torch.optim.Adam(groups, lr=training["learning_rate"], betas=(0.9, 0.999), eps=1e-8)


def augment(x, pad_value, padding, flip, generator):
    """Random crop of the image padded with black, and a horizontal flip, per image."""
    n, c, h, w = x.shape
    if padding > 0:
        big = pad_value.view(1, c, 1, 1).expand(n, c, h + 2 * padding, w + 2 * padding).clone()
        big[:, :, padding:padding + h, padding:padding + w] = x
        dx = torch.randint(0, 2 * padding + 1, (n,), generator=generator)
        dy = torch.randint(0, 2 * padding + 1, (n,), generator=generator)
        x = torch.stack([big[i, :, dy[i]:dy[i] + h, dx[i]:dx[i] + w] for i in range(n)])
    if flip:
        mirror = torch.rand(n, generator=generator) < 0.5
        x = torch.where(mirror.view(n, 1, 1, 1).to(x.device), x.flip(3), x)
    return x


def batch_indices(step, n, batch, seed):
    """The images of a step: epoch e visits every image once in an order drawn from (seed, e) alone, so
    a resumed run sees exactly the batches it would have seen."""
    per_epoch = math.ceil(n / batch)
    epoch, position = divmod(step, per_epoch)
    order = torch.randperm(n, generator=torch.Generator().manual_seed((seed * 1_000_003 + epoch) % 2 ** 63))
    return order[position * batch:(position + 1) * batch]


@torch.no_grad()
def precise_bn(net, x, images, device):
    """Batch-norm statistics of the final weights, averaged over `images` training images (inference
    mode otherwise: no dropout, no drop-connect). effnas' DL4J trainer does the same (PreciseBatchNorm)."""
    bns = [m for m in net.modules() if isinstance(m, nn.BatchNorm2d)]
    if images <= 0 or not bns:
        return
    net.eval()
    for m in bns:
        m.reset_running_stats()
        m.momentum = None  # cumulative average
        m.train()
    for i in range(0, min(images, len(x)), 256):
        net(x[i:min(i + 256, images)].to(device))
    for m in bns:
        m.momentum = effnas_model.BN_MOMENTUM
    net.eval()


@torch.no_grad()
def evaluate(net, x, y, device):
    net.eval()
    correct1 = correct5 = 0
    loss = 0.0
    for i in range(0, len(x), 256):
        logits = net(x[i:i + 256].to(device)).float()
        target = y[i:i + 256].to(device)
        loss += F.cross_entropy(logits, target, reduction="sum").item()
        top = logits.topk(min(5, logits.shape[1]), 1).indices
        correct1 += (top[:, 0] == target).sum().item()
        correct5 += (top == target[:, None]).any(1).sum().item()
    classes = net.classifier.out_features
    return correct1 / len(x), (correct5 / len(x) if classes > 5 else None), loss / len(x)


@torch.no_grad()
def latency_ms(net, spec, device):
    net.eval()
    x = torch.zeros(1, spec["in_channels"], spec["resolution"], spec["resolution"], device=device)
    times = []
    for i in range(40):
        t0 = time.perf_counter()
        net(x)
        if device.type == "cuda":
            torch.cuda.synchronize()
        if i >= 10:
            times.append((time.perf_counter() - t0) * 1000)
    return sorted(times)[len(times) // 2]


def pick_device(request):
    wants_gpu = request["device"]["kind"] == "gpu"
    if wants_gpu and not torch.cuda.is_available():
        sys.exit(f"request asks for GPU {request['device']['index']} but torch.cuda.is_available() is False "
                 f"(CUDA_VISIBLE_DEVICES={os.environ.get('CUDA_VISIBLE_DEVICES')!r})")
    return torch.device("cuda:0" if wants_gpu else "cpu")  # CUDA_VISIBLE_DEVICES shows only our GPU


def train(request):
    spec, training, budget, seed = request["spec"], request["training"], request["budget"], request["seed"]
    device = pick_device(request)
    train_x, train_y, eval_x, eval_y, pad_value = data.load(request["dataset"], spec["resolution"])
    if device.type == "cuda":  # the whole split on the GPU: batches are gathered there
        torch.backends.cudnn.benchmark = True
        train_x, train_y, pad_value = train_x.to(device), train_y.to(device), pad_value.to(device)
    torch.manual_seed(seed)
    net = effnas_model.EffnasNet(spec).to(device)
    opt = optimizer(net, training)
    amp = device.type == "cuda"
    scaler = torch.cuda.amp.GradScaler(enabled=amp)
    loss_fn = nn.CrossEntropyLoss(label_smoothing=training["label_smoothing"])
    step = 0
    resume = request["checkpoint"].get("resume_from")
    if resume:
        state = torch.load(resume, map_location=device)
        net.load_state_dict(state["model"])
        opt.load_state_dict(state["optimizer"])
        scaler.load_state_dict(state["scaler"])
        step = state["step"]
    until = min(budget["train_until_step"], budget["total_steps"])
    padding = request["augmentation"]["padding"]
    flip = request["augmentation"]["flip"]
    images, t0, loss = 0, time.perf_counter(), float("nan")
    net.train()
    while step < until:
        # every random draw of step k (dropout, drop-connect, crops) comes from (seed, k): exact resume
        torch.manual_seed((seed * 7_919 + step) % 2 ** 63)
        idx = batch_indices(step, len(train_x), training["batch_size"], seed)
        idx = idx.to(train_x.device)
        x = train_x[idx]
        if padding or flip:
            x = augment(x, pad_value, padding, flip, torch.Generator().manual_seed((seed * 104_729 + step) % 2 ** 63))
        x, y = x.to(device, non_blocking=True), train_y[idx].to(device, non_blocking=True)
        for g in opt.param_groups:
            g["lr"] = learning_rate(step, training, budget)
        with torch.autocast("cuda", dtype=torch.float16) if amp else contextlib.nullcontext():
            out = loss_fn(net(x), y)
        opt.zero_grad(set_to_none=True)
        scaler.scale(out).backward()
        scaler.step(opt)
        scaler.update()
        loss = out.item()
        if not math.isfinite(loss):
            sys.exit(f"diverged: training loss is {loss} at step {step + 1} of {until}")
        step += 1
        images += len(idx)
        if step % 50 == 0:
            print(f"step {step}/{until} loss {loss:.4f}", flush=True)
    seconds = time.perf_counter() - t0
    if device.type == "cuda":
        torch.cuda.synchronize()
        seconds = time.perf_counter() - t0
    write_to = request["checkpoint"].get("write_to")
    if write_to:  # the training state, before precise BN touches the statistics
        tmp = write_to + ".tmp"
        torch.save(dict(step=step, model=net.state_dict(), optimizer=opt.state_dict(), scaler=scaler.state_dict()),
                   tmp)
        os.replace(tmp, write_to)
    precise_bn(net, train_x, training["precise_bn_images"], device)
    top1, top5, eval_loss = evaluate(net, eval_x, eval_y, device)
    return dict(top1=top1, top5=top5, loss=eval_loss, params=effnas_model.trainable_params(net),
                latency_ms=latency_ms(net, spec, device) if request.get("measure_latency") else None,
                train_images_per_second=images / seconds if images else None, steps=step, final_train_loss=loss,
                device=str(device) + (f" ({torch.cuda.get_device_name(0)})" if device.type == "cuda" else ""),
                version=f"{VERSION}, torch {torch.__version__}")


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--request")
    p.add_argument("--result")
    p.add_argument("--count-params", metavar="SPECS_JSON")
    p.add_argument("--threads", type=int, default=0, help="CPU threads (default: torch's choice)")
    args = p.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)
    if args.count_params:
        with open(args.count_params) as f:
            print(json.dumps([effnas_model.trainable_params(effnas_model.EffnasNet(s)) for s in json.load(f)]))
        return
    if not args.request or not args.result:
        p.error("--request and --result are required")
    with open(args.request) as f:
        request = json.load(f)
    result = train(request)
    tmp = args.result + ".tmp"
    with open(tmp, "w") as f:
        json.dump(result, f, indent=1)
    os.replace(tmp, args.result)


if __name__ == "__main__":
    main()
