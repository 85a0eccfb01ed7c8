"""The datasets effnas reads (IDX, CIFAR-10 binary, image folders), split exactly as effnas splits them.

effnas writes the split into the request (a file of train and minival indices into the dataset's
training split, and the per-channel mean/std measured on TRAIN), so this code only reads pixels in
the order effnas reads them and never draws a split of its own.
"""
import gzip
import json
import os

import numpy as np
import torch
import torch.nn.functional as F


def _open(path):
    return gzip.open(path, "rb") if path.endswith(".gz") else open(path, "rb")


def _idx_file(folder, stem, idx):
    for name in (f"{stem}-{idx}-ubyte.gz", f"{stem}-{idx}-ubyte", f"{stem}.{idx}-ubyte", f"{stem}.{idx}-ubyte.gz"):
        if os.path.isfile(os.path.join(folder, name)):
            return os.path.join(folder, name)
    raise FileNotFoundError(f"{folder}: no {stem}-{idx}-ubyte[.gz]")


def read_idx(folder):
    """(N,1,28,28) uint8 images and labels of an IDX training split (MNIST, Fashion-MNIST)."""
    with _open(_idx_file(folder, "train-images", "idx3")) as f:
        data = f.read()
    n, h, w = (int.from_bytes(data[i:i + 4], "big") for i in (4, 8, 12))
    images = np.frombuffer(data, np.uint8, n * h * w, 16).reshape(n, 1, h, w)
    with _open(_idx_file(folder, "train-labels", "idx1")) as f:
        labels = np.frombuffer(f.read(), np.uint8, n, 8)
    return images, labels.astype(np.int64)


def read_cifar10(folder):
    if not os.path.isfile(os.path.join(folder, "data_batch_1.bin")):
        folder = os.path.join(folder, "cifar-10-batches-bin")
    records = np.concatenate([np.fromfile(os.path.join(folder, f"data_batch_{i}.bin"), np.uint8).reshape(-1, 3073)
                              for i in range(1, 6)])
    return records[:, 1:].reshape(-1, 3, 32, 32), records[:, 0].astype(np.int64)


def read_folder(folder, image_size):
    """One subfolder of PNG/JPEG images per class (classes and files sorted by name)."""
    from PIL import Image
    if os.path.isdir(os.path.join(folder, "train")):
        folder = os.path.join(folder, "train")
    classes = sorted(d for d in os.listdir(folder) if not d.startswith(".") and os.path.isdir(os.path.join(folder, d)))
    images, labels = [], []
    for label, c in enumerate(classes):
        for name in sorted(os.listdir(os.path.join(folder, c))):
            if name.startswith(".") or not name.lower().endswith((".png", ".jpg", ".jpeg")):
                continue
            images.append(Image.open(os.path.join(folder, c, name)))
            labels.append(label)
    gray = all(im.mode in ("L", "I;16", "I", "1") for im in images)
    arrays = [np.asarray(im.convert("L" if gray else "RGB"), np.uint8) for im in images]
    arrays = [a[None] if gray else a.transpose(2, 0, 1) for a in arrays]
    if image_size:
        arrays = [resize(torch.from_numpy(a[None]).float(), image_size).round().clamp(0, 255).byte()[0].numpy()
                  for a in arrays]
    return np.stack(arrays), np.asarray(labels, np.int64)


def resize(x, size):
    """Bilinear, half-pixel centres (effnas' BilinearResize), no antialiasing."""
    if x.shape[-1] == size and x.shape[-2] == size:
        return x
    return F.interpolate(x, size=(size, size), mode="bilinear", align_corners=False)


def load(dataset, resolution):
    """(train_x, train_y, eval_x, eval_y) as normalised float tensors at the candidate's resolution."""
    kind, path = dataset["kind"], dataset["path"]
    if kind in ("fashion-mnist", "mnist"):
        images, labels = read_idx(path)
    elif kind == "cifar10":
        images, labels = read_cifar10(path)
    elif kind == "folder":
        images, labels = read_folder(path, dataset.get("image_size", 0))
    else:
        raise ValueError(f"dataset kind {kind!r} is not supported")
    if len(images) != dataset["source_images"]:
        raise ValueError(f"{path}: {len(images)} training images, effnas read {dataset['source_images']}")
    with open(dataset["split_file"]) as f:
        split = json.load(f)
    mean = torch.tensor(dataset["normalization"]["mean"]).view(1, -1, 1, 1)
    std = torch.tensor(dataset["normalization"]["std"]).view(1, -1, 1, 1)

    def tensors(indices):
        x = resize(torch.from_numpy(images[indices]).float(), resolution)
        return (x / 255 - mean) / std, torch.from_numpy(labels[indices])

    return (*tensors(np.asarray(split["train"])), *tensors(np.asarray(split[dataset["evaluate_on"]])),
            (-mean / std).view(-1))
