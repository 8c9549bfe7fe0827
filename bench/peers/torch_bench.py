#!/usr/bin/env python3
"""PyTorch peer of tensorgrad's benchmark. Prints one JSON line per measurement on stdout.

Usage: torch_bench.py <threads> <workload> [--config JSON] [--budget JSON] [--test N]
  workload: a key of ../workloads.json (sgemm, w1_mlp_b64_train, ..., w1_mlp_b64_acc5ep), or `probe`
  --config: the workload's schedule (default: the full one from workloads.json); --budget: the time limits that
  shrink a slow schedule; --test N: classify the first N test images after a training workload.
Exit status 3 (and a message on stderr) when torch cannot be imported.
"""
import argparse
import gzip
import json
import os
import statistics
import sys
import time

ap = argparse.ArgumentParser()
ap.add_argument("threads", type=int)
ap.add_argument("workload")
ap.add_argument("--config")
ap.add_argument("--budget")
ap.add_argument("--test", type=int, default=0)
args = ap.parse_args()
# Debian's torch calls the system OpenBLAS, whose thread pool ignores torch.set_num_threads: pin every pool first.
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = str(args.threads)

try:
    import torch  # noqa: E402
    from torch import nn  # noqa: E402
except ImportError as e:
    sys.stderr.write(f"SKIP: PyTorch is not installed for {sys.executable} ({e})\n")
    sys.exit(3)

torch.set_num_threads(args.threads)
torch.manual_seed(0)
HERE = os.path.dirname(os.path.abspath(__file__))
WORKLOADS = json.load(open(os.path.join(HERE, "..", "workloads.json")))
PEER = f"pytorch-{args.threads}t"
INFO = {"threads": args.threads, "version": f"torch {torch.__version__}"}


def emit(workload, unit, values, **extra):
    rec = {"peer": PEER, "workload": workload, "unit": unit, "median": statistics.median(values),
           "min": min(values), "max": max(values), "values": [float(f"{v:.5g}") for v in values], **INFO, **extra}
    print(json.dumps(rec), flush=True)


class LSTMNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(28, 128, batch_first=True)
        self.fc = nn.Linear(128, 10)

    def forward(self, x):
        _, (h, _) = self.lstm(x)
        return self.fc(h[-1])  # logits: the softmax is folded into CrossEntropyLoss


def make_model(kind):
    if kind == "mlp":
        return nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(),
                             nn.Linear(128, 10))
    if kind == "cnn":
        return nn.Sequential(nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(32, 64, 3), nn.ReLU(),
                             nn.MaxPool2d(2), nn.Flatten(), nn.Linear(1600, 128), nn.ReLU(), nn.Linear(128, 10))
    if kind == "lstm":
        return LSTMNet()
    raise ValueError(kind)


def read_idx(name):
    d = os.environ.get("FASHION_MNIST_DIR") or "/usr/share/datasets/fashion-mnist"
    with gzip.open(os.path.join(d, name), "rb") as f:
        data = f.read()
    ndim = data[3]
    dims = [int.from_bytes(data[4 + 4 * i: 8 + 4 * i], "big") for i in range(ndim)]
    return torch.frombuffer(bytearray(data[4 + 4 * ndim:]), dtype=torch.uint8).reshape(dims)


def load_data(kind):
    """(x_train, y_train, x_test, y_test): x float32 in [0,1], [N,28,28] ([N,1,28,28] for the CNN); y int64."""
    shape = (lambda x: x.unsqueeze(1)) if kind == "cnn" else (lambda x: x)
    xtr = shape(read_idx("train-images-idx3-ubyte.gz").float() / 255)
    xte = shape(read_idx("t10k-images-idx3-ubyte.gz").float() / 255)
    return xtr, read_idx("train-labels-idx1-ubyte.gz").long(), xte, read_idx("t10k-labels-idx1-ubyte.gz").long()


def test_accuracy(model, xte, yte, n=None):
    n = len(xte) if n is None else min(n, len(xte))
    model.eval()
    with torch.inference_mode():
        pred = torch.cat([model(xte[i:min(i + 1000, n)]).argmax(1) for i in range(0, n, 1000)])
    model.train()
    return round((pred == yte[:n]).float().mean().item(), 4)


def timed_training(run, cfg, budget):
    """Warm-up (stops early after budget warmup_seconds), then timed windows; for slow steps, steps per window
    shrink to ~window_seconds and windows (at least 3) to ~timed_seconds in all (as bench/lib/common.ts)."""
    done, last, t0 = 0, 0.0, time.perf_counter()
    while done < max(1, cfg.get("warmup", 0)) and (done == 0 or time.perf_counter() - t0 < budget["warmup_seconds"]):
        s = time.perf_counter()
        run(1)
        last = time.perf_counter() - s
        done += 1
    warmup = done
    steps = min(cfg["steps"], max(1, int(budget["window_seconds"] / max(last, 1e-9))))
    windows = min(cfg["windows"], max(3, int(budget["timed_seconds"] // (steps * max(last, 1e-9)))))
    values = []
    for _ in range(int(windows)):
        s = time.perf_counter()
        run(steps)
        values.append(steps * cfg["batch"] / (time.perf_counter() - s))
        done += steps
    return values, warmup, steps, done


def train(name, cfg, budget):
    kind, bs = cfg["model"], cfg["batch"]
    xtr, ytr, xte, yte = load_data(kind)
    nb = len(xtr) // bs
    model, lossf = make_model(kind), nn.CrossEntropyLoss()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    state = {"step": 0, "loss": float("nan")}

    def run(n):
        for _ in range(n):
            i = (state["step"] % nb) * bs
            opt.zero_grad(set_to_none=True)
            loss = lossf(model(xtr[i:i + bs]), ytr[i:i + bs])
            loss.backward()
            opt.step()
            state["step"] += 1
        state["loss"] = loss.item()

    values, warmup, steps, done = timed_training(run, cfg, budget)
    acc = test_accuracy(model, xte, yte, args.test) if args.test > 0 else None
    emit(name, "samples/s", values, batch=bs, warmup_steps=warmup, steps_per_window=steps,
         samples_trained=done * bs, final_loss=round(state["loss"], 4), test_acc=acc)


def timed_windows(fn, window_seconds, windows):
    """Calibrates calls per window, then times `windows` windows; seconds per call and calls per window."""
    t0, calls = time.perf_counter(), 0
    while time.perf_counter() - t0 < min(0.3, window_seconds):
        fn()
        calls += 1
    calls = max(1, int(calls * window_seconds / (time.perf_counter() - t0)))
    out = []
    for _ in range(windows):
        t0 = time.perf_counter()
        for _ in range(calls):
            fn()
        out.append((time.perf_counter() - t0) / calls)
    return out, calls


def predict(name, cfg):
    model = make_model("mlp").eval()
    x = torch.rand(cfg["batch"], 28, 28)

    def call():
        with torch.inference_mode():
            return model(x).numpy()  # the result readable on the host, as dataSync() in JS

    secs, calls = timed_windows(call, cfg["window_seconds"], cfg["windows"])
    if cfg["batch"] == 1:
        emit(name, "us/call", [s * 1e6 for s in secs], batch=1, calls_per_window=calls)
    else:
        emit(name, "samples/s", [cfg["batch"] / s for s in secs], batch=cfg["batch"], calls_per_window=calls)


def accuracy(name, cfg):
    bs = cfg["batch"]
    xtr, ytr, xte, yte = load_data("mlp")
    model, lossf = make_model("mlp"), nn.CrossEntropyLoss()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    accs, t0 = [], time.perf_counter()
    for _ in range(cfg["epochs"]):
        perm = torch.randperm(len(xtr))
        for i in range(0, len(xtr), bs):  # the last partial batch included, as a DataLoader does
            idx = perm[i:i + bs]
            opt.zero_grad(set_to_none=True)
            lossf(model(xtr[idx]), ytr[idx]).backward()
            opt.step()
        accs.append(test_accuracy(model, xte, yte))
    emit(name, "test acc", [accs[-1]], batch=bs, epochs=cfg["epochs"], acc_per_epoch=accs,
         seconds=round(time.perf_counter() - t0, 1))


def sgemm(cfg):
    for n in cfg["sizes"]:
        a, b = torch.rand(n, n) - 0.5, torch.rand(n, n) - 0.5
        secs, calls = timed_windows(lambda: torch.matmul(a, b), cfg["window_seconds"], cfg["windows"])
        emit(f"sgemm_{n}", "GFLOP/s", [2 * n ** 3 / s / 1e9 for s in secs], calls_per_window=calls)


def main():
    if args.workload == "probe":
        print(json.dumps({"peer": PEER, "probe": True, **INFO}))
        return
    cfg = json.loads(args.config) if args.config else WORKLOADS["workloads"][args.workload]
    budget = json.loads(args.budget) if args.budget else WORKLOADS["budget"]
    if args.workload == "sgemm":
        sgemm(cfg)
    elif args.workload.endswith("_train"):
        train(args.workload, cfg, budget)
    elif "_predict_" in args.workload:
        predict(args.workload, cfg)
    elif args.workload.endswith("_acc5ep"):
        accuracy(args.workload, cfg)
    else:
        sys.exit(f"unknown workload {args.workload}")


main()
