"""Write the parameter and buffer names and shapes of torchvision's ResNet-18 and ResNet-50.

The architecture tests compare them with the specifications of resnet-18 and resnet-50, whose node names are
torchvision's module paths with dots replaced by underscores. One line per entry: name, then the shape.

Run with Debian's interpreter, which has python3-torchvision (0.14.1 on Debian 12):
    /usr/bin/python3 torchvision_layouts.py OUTPUT_FOLDER
"""
import sys

import torchvision


def main():
    folder = sys.argv[1]
    for name, build in (("resnet18", torchvision.models.resnet18), ("resnet50", torchvision.models.resnet50)):
        model = build(weights=None)
        lines = [f"{key} {' '.join(str(size) for size in tensor.shape)}"
                 for key, tensor in model.state_dict().items() if not key.endswith("num_batches_tracked")]
        trainable = sum(p.numel() for p in model.parameters())
        with open(f"{folder}/torchvision-{name}.txt", "w") as out:
            out.write(f"# torchvision {torchvision.__version__}, {trainable} trainable parameters\n")
            out.write("\n".join(lines) + "\n")
        print(f"wrote {folder}/torchvision-{name}.txt: {len(lines)} entries, {trainable} trainable parameters")


if __name__ == "__main__":
    main()
