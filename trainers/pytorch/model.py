"""An effnas architecture spec as a torch.nn.Module.

The spec is the JSON form effnas writes (docs/search-space.md): resolution, in_channels, classes, stem
("k3_s2_o32"), blocks (one block string per stage), head ("o1280"), activation, dropout, drop_connect.
The layers are those of effnas' DL4J graph (docs/worker.md), so the trainable parameter count equals
effnas' cost model exactly; the Java tests check it for every built-in architecture.
"""
import math

import torch
from torch import nn
import torch.nn.functional as F

BN_MOMENTUM = 0.01  # TensorFlow's decay 0.99
BN_EPS = 1e-3


def parse_block_string(text):
    """'sep_r2_k3_s22_e1_i16_o24_se0.25_noskip' -> dict. effnas has validated it already."""
    tokens = text.split("_")
    b = {"op": "mbconv", "repeats": 1, "kernel": 3, "stride": 1, "expansion": 1, "se": 0.0, "skip": True}
    if tokens[0] in ("sep", "conv"):
        b["op"] = tokens.pop(0)
    for t in tokens:
        if t == "noskip":
            b["skip"] = False
        elif t.startswith("se"):
            b["se"] = float(t[2:])
        elif t[0] == "s":
            b["stride"] = int(t[1])
        else:
            b[{"r": "repeats", "k": "kernel", "e": "expansion", "i": "inputs", "o": "outputs"}[t[0]]] = int(t[1:])
    return b


def expand_blocks(spec):
    """Every block of the network: only a stage's first repeat takes its stride and its i -> o change."""
    blocks = []
    for text in spec["blocks"]:
        s = parse_block_string(text)
        for r in range(s["repeats"]):
            blocks.append(dict(s, stride=s["stride"] if r == 0 else 1, inputs=s["inputs"] if r == 0 else s["outputs"]))
    return blocks


def activation(name):
    return nn.SiLU() if name == "swish" else nn.ReLU()


class SameConv(nn.Conv2d):
    """Convolution with TensorFlow's 'same' padding: stride 2 maps H to ceil(H/2), extra pixel bottom/right."""

    def __init__(self, cin, cout, kernel, stride=1, groups=1, bias=False):
        super().__init__(cin, cout, kernel, stride, padding=0, groups=groups, bias=bias)

    def forward(self, x):
        k, s = self.kernel_size[0], self.stride[0]
        h, w = x.shape[-2:]
        ph = max((math.ceil(h / s) - 1) * s + k - h, 0)
        pw = max((math.ceil(w / s) - 1) * s + k - w, 0)
        if ph or pw:
            x = F.pad(x, [pw // 2, pw - pw // 2, ph // 2, ph - ph // 2])
        return super().forward(x)


def conv_bn(cin, cout, kernel, stride, act, groups=1):
    """Conv without bias, batch norm, then the activation (None: linear)."""
    layers = [SameConv(cin, cout, kernel, stride, groups), nn.BatchNorm2d(cout, eps=BN_EPS, momentum=BN_MOMENTUM)]
    if act is not None:
        layers.append(activation(act))
    return nn.Sequential(*layers)


class SqueezeExcite(nn.Module):
    """Global average pool, 1x1 conv to `squeeze` + activation, 1x1 conv back + sigmoid, channel scale."""

    def __init__(self, channels, squeeze, act):
        super().__init__()
        self.reduce = nn.Conv2d(channels, squeeze, 1, bias=True)
        self.act = activation(act)
        self.expand = nn.Conv2d(squeeze, channels, 1, bias=True)

    def forward(self, x):
        s = x.mean((2, 3), keepdim=True)
        return x * torch.sigmoid(self.expand(self.act(self.reduce(s))))


class Block(nn.Module):
    """MBConv, depthwise-separable or plain conv block, with optional SE and identity residual."""

    def __init__(self, b, act, drop_rate):
        super().__init__()
        cin, cout, k, s = b["inputs"], b["outputs"], b["kernel"], b["stride"]
        wide = cin * b["expansion"]
        se = max(1, int(cin * b["se"])) if b["se"] > 0 else 0  # SE width from the block's INPUT filters
        layers = []
        if b["op"] == "mbconv":
            if b["expansion"] != 1:
                layers.append(conv_bn(cin, wide, 1, 1, act))
            layers.append(conv_bn(wide, wide, k, s, act, groups=wide))
            if se:
                layers.append(SqueezeExcite(wide, se, act))
            layers.append(conv_bn(wide, cout, 1, 1, None))  # linear bottleneck
        elif b["op"] == "sep":
            layers.append(conv_bn(cin, cin, k, s, act, groups=cin))
            if se:
                layers.append(SqueezeExcite(cin, se, act))
            layers.append(conv_bn(cin, cout, 1, 1, act))
        else:
            layers.append(conv_bn(cin, cout, k, s, act))
            if se:
                layers.append(SqueezeExcite(cout, se, act))
        self.body = nn.Sequential(*layers)
        self.residual = b["skip"] and s == 1 and cin == cout
        self.drop_rate = drop_rate

    def forward(self, x):
        y = self.body(x)
        if not self.residual:
            return y
        if self.training and self.drop_rate > 0:
            keep = 1 - self.drop_rate  # drop-connect: the residual branch, per example
            mask = (torch.rand(y.shape[0], 1, 1, 1, device=y.device) < keep).to(y.dtype)
            y = y * mask / keep
        return y + x


class EffnasNet(nn.Module):
    def __init__(self, spec):
        super().__init__()
        act = spec["activation"]
        stem = parse_block_string(spec["stem"])  # k3_s2_o32: kernel, stride, outputs
        self.stem = conv_bn(spec["in_channels"], stem["outputs"], stem["kernel"], stem["stride"], act)
        blocks = expand_blocks(spec)
        self.blocks = nn.Sequential(*[Block(b, act, spec["drop_connect"] * j / len(blocks))
                                      for j, b in enumerate(blocks)])
        head = int(spec["head"][1:])
        self.head = conv_bn(blocks[-1]["outputs"], head, 1, 1, act)
        self.dropout = nn.Dropout(spec["dropout"])
        self.classifier = nn.Linear(head, spec["classes"])
        for m in self.modules():
            if isinstance(m, nn.Conv2d):  # He normal, as DL4J's WeightInit.RELU
                nn.init.kaiming_normal_(m.weight, mode="fan_in", nonlinearity="relu")
                if m.bias is not None:
                    nn.init.zeros_(m.bias)
        nn.init.xavier_normal_(self.classifier.weight)
        nn.init.zeros_(self.classifier.bias)

    def forward(self, x):
        x = self.head(self.blocks(self.stem(x)))
        return self.classifier(self.dropout(x.mean((2, 3))))


def trainable_params(model):
    return sum(p.numel() for p in model.parameters() if p.requires_grad)
