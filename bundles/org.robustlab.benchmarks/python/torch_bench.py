"""PyTorch reference rows of the Robustlab engine benchmark (EngineComparisonBenchmark on the Java side).

Times the same workload as the Java benchmark, on the same shapes and inputs: the resnet-small network (3x3 stem
of 32 channels, one basic block per stage of 32/64/128/256 channels, 2 classes; stem stride 1 at 64x64 and 2 at
128x128), batch 32, Adam with learning rate 1e-3. Run it with Debian's python3-torch (/usr/bin/python3), one
process per input size, so that the peak resident set size belongs to that size alone.

Usage: torch_bench.py --size 64 --threads 2 --repetitions 5 --warmup 1 --json out.json
"""
import argparse
import json
import math
import resource
import statistics
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

BATCH = 32
SALIENCY_IMAGES = 8
SALIENCY_POINTS = 50
SALIENCY_BATCH = 64  # SaliencyContext.of(seed).maxBatchSize() on the Java side


class DualBatchNorm(nn.Module):
    """Two batch-norm layers with their own affine parameters and running statistics; `adversarial` picks one."""

    def __init__(self, channels):
        super().__init__()
        self.clean = nn.BatchNorm2d(channels)
        self.adv = nn.BatchNorm2d(channels)
        self.adversarial = False

    def forward(self, x):
        return self.adv(x) if self.adversarial else self.clean(x)


class BasicBlock(nn.Module):
    def __init__(self, cin, cout, stride, norm):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride=stride, padding=1, bias=False)
        self.bn1 = norm(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, padding=1, bias=False)
        self.bn2 = norm(cout)
        self.shortcut = nn.Identity()
        if stride != 1 or cin != cout:
            self.shortcut = nn.Sequential(nn.Conv2d(cin, cout, 1, stride=stride, bias=False), norm(cout))

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        return F.relu(self.bn2(self.conv2(out)) + self.shortcut(x))


class ResNetSmall(nn.Module):
    def __init__(self, norm, stem_stride):
        super().__init__()
        self.stem = nn.Conv2d(1, 32, 3, stride=stem_stride, padding=1, bias=False)
        self.bn = norm(32)
        blocks, cin = [], 32
        for cout, stride in zip([32, 64, 128, 256], [1, 2, 2, 2]):
            blocks.append(BasicBlock(cin, cout, stride, norm))
            cin = cout
        self.stages = nn.Sequential(*blocks)
        self.fc = nn.Linear(256, 2)

    def forward(self, x):
        x = self.stages(F.relu(self.bn(self.stem(x))))
        return self.fc(F.adaptive_avg_pool2d(x, 1).flatten(1))


def set_branch(model, adversarial):
    for module in model.modules():
        if isinstance(module, DualBatchNorm):
            module.adversarial = adversarial


def golden_images(count, size):
    """The Java benchmark's inputs: value i (C order, from 0) is frac((i + 1) * 0.618...), as float32."""
    index = np.arange(1, count * size * size + 1, dtype=np.float64)
    values = np.modf(index * 0.6180339887498949)[0].astype(np.float32)
    return torch.from_numpy(values.reshape(count, 1, size, size))


def input_gradient(model, x, y):
    x = x.detach().requires_grad_(True)
    (gradient,) = torch.autograd.grad(F.cross_entropy(model(x), y, reduction="sum"), x)
    return gradient


def pgd_linf(model, x, y, iterations, generator, eps=8 / 255, step=2 / 255):
    model.eval()
    set_branch(model, True)
    adversarial = (x + (torch.rand(x.shape, generator=generator) * 2 - 1) * eps).clamp(0, 1)
    for _ in range(iterations):
        gradient = input_gradient(model, adversarial, y)
        adversarial = adversarial + step * gradient.sign()
        adversarial = torch.min(torch.max(adversarial, x - eps), x + eps).clamp(0, 1)
    return adversarial.detach()


def l2_norms(t):
    return t.flatten(1).norm(dim=1).clamp_min(1e-12).view(-1, 1, 1, 1)


def pgd_l2(model, x, y, iterations, generator, eps=0.5, step=0.1):
    model.eval()
    set_branch(model, True)
    direction = torch.randn(x.shape, generator=generator)
    radius = eps * torch.rand(x.size(0), 1, 1, 1, generator=generator)
    adversarial = (x + direction / l2_norms(direction) * radius).clamp(0, 1)
    for _ in range(iterations):
        gradient = input_gradient(model, adversarial, y)
        adversarial = adversarial + step * gradient / l2_norms(gradient)
        delta = adversarial - x
        adversarial = (x + delta * (eps / l2_norms(delta)).clamp_max(1.0)).clamp(0, 1)
    return adversarial.detach()


def dual_step(model, optimizer, x, adversarial, y):
    model.train()
    optimizer.zero_grad(set_to_none=True)
    set_branch(model, False)
    loss = F.cross_entropy(model(x), y)
    set_branch(model, True)
    loss = loss + F.cross_entropy(model(adversarial), y)
    loss.backward()
    optimizer.step()
    set_branch(model, False)


def sampled_gradients(model, points, weights):
    """Gradients of sum(weights * logits) at every point, in batches of SALIENCY_BATCH, eval mode."""
    model.eval()
    gradients = []
    for start in range(0, points.size(0), SALIENCY_BATCH):
        batch = points[start:start + SALIENCY_BATCH].detach().requires_grad_(True)
        score = (model(batch) * weights[start:start + SALIENCY_BATCH]).sum()
        gradients.append(torch.autograd.grad(score, batch)[0])
    return torch.cat(gradients)


def smoothgrad(model, images, weights, generator, level=0.15):
    sigma = level * (images.flatten(1).amax(1) - images.flatten(1).amin(1))
    points = images.repeat_interleave(SALIENCY_POINTS, 0)
    noise = torch.randn(points.shape, generator=generator) * sigma.repeat_interleave(SALIENCY_POINTS).view(-1, 1, 1, 1)
    gradients = sampled_gradients(model, points + noise, weights.repeat_interleave(SALIENCY_POINTS, 0))
    return gradients.view(images.size(0), SALIENCY_POINTS, *images.shape[1:]).mean(1).sum(1)


def integrated_gradients(model, images, weights):
    nodes, quadrature = np.polynomial.legendre.leggauss(SALIENCY_POINTS)
    alphas = torch.tensor((nodes + 1) / 2, dtype=torch.float32)
    factors = torch.tensor(quadrature / 2, dtype=torch.float32)
    baseline = torch.zeros_like(images)
    difference = images - baseline
    points = baseline.unsqueeze(1) + alphas.view(1, -1, 1, 1, 1) * difference.unsqueeze(1)
    gradients = sampled_gradients(
        model, points.flatten(0, 1), weights.repeat_interleave(SALIENCY_POINTS, 0))
    integral = (gradients.view(images.size(0), SALIENCY_POINTS, *images.shape[1:])
                * factors.view(1, -1, 1, 1, 1)).sum(1)
    attribution = integral * difference
    with torch.no_grad():
        model.eval()
        difference_of_scores = (model(images) * weights).sum(1) - (model(baseline) * weights).sum(1)
    return attribution.sum(1), difference_of_scores


def timed(action, repetitions, warmup):
    for _ in range(warmup):
        action()
    seconds, cpu = [], []
    for _ in range(repetitions):
        cpu_start = time.process_time()
        start = time.perf_counter()
        action()
        seconds.append(time.perf_counter() - start)
        cpu.append(time.process_time() - cpu_start)
    return {"median": statistics.median(seconds), "min": min(seconds), "max": max(seconds),
            "cpu_median": statistics.median(cpu), "n": repetitions}


def peak_rss_bytes():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=64, help="input height and width in pixels (64 or 128)")
    parser.add_argument("--threads", type=int, default=2, help="intra-op threads")
    parser.add_argument("--repetitions", type=int, default=5, help="timed repetitions per row")
    parser.add_argument("--warmup", type=int, default=1, help="untimed repetitions before the timed ones")
    parser.add_argument("--rows", default="infer,train,igrad,dual,pgd3,pgd7,smoothgrad,ig")
    parser.add_argument("--json", help="file to write the results to")
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    generator = torch.Generator().manual_seed(2)
    stem_stride = 1 if args.size <= 64 else 2
    x = golden_images(BATCH, args.size)
    y = torch.arange(BATCH) % 2
    adversarial_fixed = (x + 0.03).clamp(0, 1)
    images = x[:SALIENCY_IMAGES]
    weights = F.one_hot(torch.ones(SALIENCY_IMAGES, dtype=torch.long), 2).float()

    single = ResNetSmall(nn.BatchNorm2d, stem_stride)
    dual = ResNetSmall(DualBatchNorm, stem_stride)
    single_optimizer = torch.optim.Adam(single.parameters(), lr=1e-3)
    dual_optimizer = torch.optim.Adam(dual.parameters(), lr=1e-3)

    def infer():
        single.eval()
        with torch.no_grad():
            single(x)

    def train():
        single.train()
        single_optimizer.zero_grad(set_to_none=True)
        F.cross_entropy(single(x), y).backward()
        single_optimizer.step()

    def igrad():
        single.eval()
        input_gradient(single, x, y)

    rows = {
        "infer": infer,
        "train": train,
        "igrad": igrad,
        "dual": lambda: dual_step(dual, dual_optimizer, x, adversarial_fixed, y),
        "pgd3": lambda: dual_step(dual, dual_optimizer, x, pgd_linf(dual, x, y, 3, generator), y),
        "pgd7": lambda: dual_step(dual, dual_optimizer, x, pgd_l2(dual, x, y, 7, generator), y),
        "smoothgrad": lambda: smoothgrad(single, images, weights, generator),
        "ig": lambda: integrated_gradients(single, images, weights),
    }
    result = {
        "engine": "torch " + torch.__version__,
        "size": args.size,
        "stem_stride": stem_stride,
        "threads": torch.get_num_threads(),
        "parameters": sum(p.numel() for p in single.parameters()),
        "parameters_dual": sum(p.numel() for p in dual.parameters()),
        "rows": {},
    }
    for name in args.rows.split(","):
        result["rows"][name] = timed(rows[name], args.repetitions, args.warmup)
        print(f"torch {args.size}px {name}: {result['rows'][name]['median']:.3f} s", flush=True)
    result["peak_rss_bytes"] = peak_rss_bytes()
    text = json.dumps(result, indent=1)
    print(text)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            out.write(text + "\n")


if __name__ == "__main__":
    main()
