"""Reference FGSM, FGM and PGD results from PyTorch for the attack tests of Robustlab.

The network is the test bundle's reference classifier: batch norm in inference mode over the input channels,
then a dense layer over the flattened image. Weights and images are float32; PyTorch computes in float64.
Run with PyTorch from the Debian package python3-torch (tested with 1.13.1+dfsg-4):

    /usr/bin/python3 bundles/org.robustlab.testing/reference/attacks_reference.py

It writes attacks_reference.npz next to itself: the parameters (keys as in the Java parameter map), the
images, labels and targets, and one array per attack case named <head>_<attack>_<norm>_<goal>.
"""

import os

import numpy as np
import torch

torch.set_default_dtype(torch.float64)

SEED = 20240611
CHANNELS, HEIGHT, WIDTH, BATCH = 1, 8, 8, 6
OUTPUTS = {"softmax": 3, "sigmoid": 4}
CASES = [
    # name, norm, epsilon, step size, iterations
    ("fgsm", "linf", 0.03, 0.03, 1),
    ("fgsm", "l2", 0.5, 0.5, 1),
    ("pgd", "linf", 0.03, 0.01, 10),
    ("pgd", "l2", 0.5, 0.1, 10),
]


def make_parameters(rng, outputs):
    features = CHANNELS * HEIGHT * WIDTH
    bound = 1 / np.sqrt(features)
    f32 = np.float32
    return {
        "bn.weight": rng.uniform(0.5, 1.5, CHANNELS).astype(f32),
        "bn.bias": rng.uniform(-0.1, 0.1, CHANNELS).astype(f32),
        "bn.running_mean": rng.uniform(0.4, 0.6, CHANNELS).astype(f32),
        "bn.running_var": rng.uniform(0.2, 0.3, CHANNELS).astype(f32),
        "fc.weight": rng.uniform(-bound, bound, (outputs, features)).astype(f32),
        "fc.bias": rng.uniform(-bound, bound, outputs).astype(f32),
    }


def make_model(parameters):
    outputs = parameters["fc.bias"].shape[0]
    bn = torch.nn.BatchNorm2d(CHANNELS, eps=1e-5)
    fc = torch.nn.Linear(CHANNELS * HEIGHT * WIDTH, outputs)
    with torch.no_grad():
        bn.weight.copy_(torch.from_numpy(parameters["bn.weight"].astype(np.float64)))
        bn.bias.copy_(torch.from_numpy(parameters["bn.bias"].astype(np.float64)))
        bn.running_mean.copy_(torch.from_numpy(parameters["bn.running_mean"].astype(np.float64)))
        bn.running_var.copy_(torch.from_numpy(parameters["bn.running_var"].astype(np.float64)))
        fc.weight.copy_(torch.from_numpy(parameters["fc.weight"].astype(np.float64)))
        fc.bias.copy_(torch.from_numpy(parameters["fc.bias"].astype(np.float64)))
    model = torch.nn.Sequential(bn, torch.nn.Flatten(), fc)
    model.eval()
    return model


def loss_of(head, logits, labels):
    if head == "softmax":
        return torch.nn.functional.cross_entropy(logits, labels.argmax(1), reduction="sum")
    return torch.nn.functional.binary_cross_entropy_with_logits(logits, labels, reduction="sum")


def attack(model, head, images, labels, targeted, norm, epsilon, step, iterations):
    """Untargeted: ascend the loss of labels. Targeted: descend the loss of the targets in labels."""
    x = images.clone()
    for _ in range(iterations):
        x.requires_grad_(True)
        loss = loss_of(head, model(x), labels)
        (gradient,) = torch.autograd.grad(loss, x)
        x = x.detach()
        if norm == "linf":
            direction = gradient.sign()
        else:
            lengths = gradient.flatten(1).norm(dim=1).clamp_min(1e-300)
            direction = gradient / lengths.view(-1, 1, 1, 1)
        x = x + (-step if targeted else step) * direction
        delta = x - images
        if norm == "linf":
            delta = delta.clamp(-epsilon, epsilon)
        else:
            lengths = delta.flatten(1).norm(dim=1)
            factors = torch.where(lengths > epsilon, epsilon / lengths, torch.ones_like(lengths))
            delta = delta * factors.view(-1, 1, 1, 1)
        x = (images + delta).clamp(0, 1)
    return x


def main():
    rng = np.random.default_rng(SEED)
    results = {}
    images32 = rng.uniform(0, 1, (BATCH, CHANNELS, HEIGHT, WIDTH)).astype(np.float32)
    images32[:, :, 0, :] = 0
    images32[:, :, -1, :] = 1
    results["images"] = images32
    images = torch.from_numpy(images32.astype(np.float64))
    for head, outputs in OUTPUTS.items():
        parameters = make_parameters(rng, outputs)
        for name, value in parameters.items():
            results[f"{head}.{name}"] = value
        model = make_model(parameters)
        with torch.no_grad():
            logits = model(images)
        if head == "softmax":
            labels = torch.nn.functional.one_hot(logits.argmax(1), outputs).double()
            targets = torch.nn.functional.one_hot((logits.argmax(1) + 1) % outputs, outputs).double()
        else:
            labels = (logits > 0).double()
            targets = 1 - labels
        results[f"{head}.labels"] = labels.numpy().astype(np.float32)
        results[f"{head}.targets"] = targets.numpy().astype(np.float32)
        for name, norm, epsilon, step, iterations in CASES:
            for goal, goal_labels in (("untargeted", labels), ("targeted", targets)):
                adversarial = attack(
                    model, head, images, goal_labels, goal == "targeted", norm, epsilon, step, iterations)
                results[f"{head}_{name}_{norm}_{goal}"] = adversarial.numpy()
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "attacks_reference.npz")
    np.savez(path, **results)
    print(f"wrote {len(results)} arrays to {path} with torch {torch.__version__}")


if __name__ == "__main__":
    main()
