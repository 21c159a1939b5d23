"""GPU benchmark: tfclassic (classic TF1 graphs, Session.run) against PyTorch eager, in one
process on one GPU.

  (a) MLP 784-512-512-10, ReLU, softmax cross-entropy, Adam 1e-3, batch 128 (train_mlp_step.py's
      graph), fed from host NumPy every step by both; PyTorch also with its inputs already on
      the device (reported as a separate row).
  (b) LeNet-style CNN, Adam, batch 64 (train_lenet_step.py's graph): NHWC for ours (TF1's
      default), NCHW for PyTorch (its native layout).
  (c) Session.run overhead of a tiny graph (a + b of two scalars in the graph, fetch the sum),
      median over single runs in microseconds; PyTorch's row times (a + b).item() on the GPU.

Both sides are timed the same way: warm-up steps, then the median of R repeats of N steps each,
each repeat closed by a device sync (ours: every step fetches the loss, which waits for the GPU;
PyTorch: torch.cuda.synchronize()). Data are random (never zeros), generated once with NumPy.
TF32 is on for both (ours has it on by default, as nvidia-tensorflow does).

Without a GPU ours runs on the CPU, so the tfclassic half can be tried anywhere:
  PYTHONPATH=python python bench/gpu_bench.py --steps 5 --no-torch
Prints a markdown table; --out writes the numbers as JSON.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

MLP_BATCH = 128
LENET_BATCH = 64


def parse_args(argv=None):
  p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
  p.add_argument("--steps", type=int, default=50, help="steps per timed repeat")
  p.add_argument("--repeats", type=int, default=5)
  p.add_argument("--warmup", type=int, default=20)
  p.add_argument("--overhead-runs", type=int, default=2000)
  p.add_argument("--out", help="write the results as JSON here")
  p.add_argument("--no-torch", action="store_true", help="time tfclassic only")
  p.add_argument("--no-ours", action="store_true", help="time PyTorch only")
  return p.parse_args(argv)


def time_repeats(step, sync, warmup, steps, repeats):
  """Median milliseconds per step: `repeats` runs of `steps` calls of step(), each closed by
  sync()."""
  for _ in range(warmup):
    step()
  sync()
  samples = []
  for _ in range(repeats):
    t0 = time.perf_counter()
    for _ in range(steps):
      step()
    sync()
    samples.append((time.perf_counter() - t0) / steps * 1e3)
  return statistics.median(samples)


def make_data(seed=0):
  rng = np.random.RandomState(seed)
  data = {}
  x = rng.standard_normal((MLP_BATCH, 784)).astype(np.float32)
  x[x == 0] = 0.5
  labels = rng.randint(0, 10, MLP_BATCH).astype(np.int64)
  data["mlp"] = (x, labels)
  x = rng.rand(LENET_BATCH, 28, 28, 1).astype(np.float32) + np.float32(0.01)
  labels = rng.randint(0, 10, LENET_BATCH).astype(np.int64)
  data["lenet"] = (x, labels)
  return data


def one_hot(labels):
  return np.eye(10, dtype=np.float32)[labels]


# ---- ours: tfclassic ----------------------------------------------------------------------------

class Ours:
  def __init__(self):
    from _tf import tf
    self.tf = tf
    self.on_gpu = bool(tf.test.is_gpu_available())
    # Grow instead of taking the whole GPU up front: PyTorch shares the device in this process.
    self.config = tf.ConfigProto(gpu_options=tf.GPUOptions(allow_growth=True))

  def device(self):
    return "gpu" if self.on_gpu else "cpu"

  def train_step_ms(self, module, x, labels, args):
    tf = self.tf
    with tf.Graph().as_default():
      xph, yph, loss, train = module.build()
      feed = {xph: x, yph: one_hot(labels)}
      with tf.Session(config=self.config) as sess:
        sess.run(tf.global_variables_initializer())
        first = float(sess.run(loss, feed_dict=feed))
        last = [first]

        def step():
          last[0] = sess.run([train, loss], feed_dict=feed)[1]

        ms = time_repeats(step, lambda: None, args.warmup, args.steps, args.repeats)
    last = float(last[0])
    check_loss("tfclassic " + module.__name__, first, last)
    return ms, first, last

  def overhead_us(self, runs):
    tf = self.tf
    with tf.Graph().as_default():
      s = tf.constant(1.5) + tf.constant(2.25)
      with tf.Session(config=self.config) as sess:
        for _ in range(200):
          sess.run(s)
        samples = []
        for _ in range(runs):
          t0 = time.perf_counter_ns()
          v = sess.run(s)
          samples.append((time.perf_counter_ns() - t0) / 1e3)
        assert float(v) == 3.75, v
    return statistics.median(samples)


def check_loss(what, first, last):
  assert np.isfinite(first) and np.isfinite(last), (what, first, last)
  if not last < first:
    print("warning: %s loss did not fall (%.4f -> %.4f)" % (what, first, last), file=sys.stderr)


# ---- PyTorch ----------------------------------------------------------------------------------

class Torch:
  def __init__(self):
    import torch
    self.torch = torch
    if not torch.cuda.is_available():
      raise SystemExit("PyTorch sees no GPU (use --no-torch)")
    torch.backends.cuda.matmul.allow_tf32 = True
    torch.backends.cudnn.allow_tf32 = True
    self.dev = torch.device("cuda:0")

  def sync(self):
    self.torch.cuda.synchronize()

  def mlp(self):
    nn = self.torch.nn
    return nn.Sequential(nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 512), nn.ReLU(),
                         nn.Linear(512, 10))

  def lenet(self):
    nn = self.torch.nn
    return nn.Sequential(nn.Conv2d(1, 32, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Conv2d(32, 64, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Flatten(), nn.Linear(7 * 7 * 64, 256), nn.ReLU(), nn.Linear(256, 10))

  def train_step_ms(self, model, x, labels, args, on_device):
    """x, labels: NumPy arrays; fed from the host every step unless on_device."""
    torch = self.torch
    F = torch.nn.functional
    torch.manual_seed(1234)
    model = model.to(self.dev)
    # As the TF graphs start: truncated normal weights (stddev 0.05), zero biases.
    for p in model.parameters():
      if p.dim() > 1:
        torch.nn.init.trunc_normal_(p, std=0.05, a=-0.1, b=0.1)
      else:
        torch.nn.init.zeros_(p)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    xd = torch.from_numpy(x).to(self.dev)
    yd = torch.from_numpy(labels).to(self.dev)
    with torch.no_grad():
      first = float(F.cross_entropy(model(xd), yd))
    last = [None]

    def step():
      if on_device:
        xs, ys = xd, yd
      else:
        xs, ys = torch.from_numpy(x).cuda(), torch.from_numpy(labels).cuda()
      opt.zero_grad(set_to_none=True)
      loss = F.cross_entropy(model(xs), ys)
      loss.backward()
      opt.step()
      last[0] = loss

    ms = time_repeats(step, self.sync, args.warmup, args.steps, args.repeats)
    last = float(last[0].detach())
    check_loss("pytorch", first, last)
    return ms, first, last

  def overhead_us(self, runs):
    torch = self.torch
    a = torch.tensor(1.5, device=self.dev)
    b = torch.tensor(2.25, device=self.dev)
    for _ in range(200):
      (a + b).item()
    samples = []
    for _ in range(runs):
      t0 = time.perf_counter_ns()
      v = (a + b).item()
      samples.append((time.perf_counter_ns() - t0) / 1e3)
    assert v == 3.75, v
    return statistics.median(samples)


# ---- the run ----------------------------------------------------------------------------------

def driver_version():
  try:
    out = subprocess.run(["nvidia-smi", "--query-gpu=driver_version", "--format=csv,noheader"],
                         capture_output=True, text=True, timeout=30)
    return out.stdout.strip().splitlines()[0] if out.returncode == 0 and out.stdout.strip() \
        else None
  except (OSError, subprocess.SubprocessError):
    return None


def gpu_name(torch_side):
  if torch_side is not None:
    return torch_side.torch.cuda.get_device_name(0)
  try:
    out = subprocess.run(["nvidia-smi", "--query-gpu=name", "--format=csv,noheader"],
                         capture_output=True, text=True, timeout=30)
    if out.returncode == 0 and out.stdout.strip():
      return out.stdout.strip().splitlines()[0]
  except (OSError, subprocess.SubprocessError):
    pass
  return None


def ratio(ours, theirs):
  return theirs / ours if ours and theirs else None


def fmt(v, digits=3):
  return "-" if v is None else ("%.*f" % (digits, v))


def main(argv=None):
  args = parse_args(argv)
  data = make_data()
  ours = None if args.no_ours else Ours()
  torch_side = None if args.no_torch else Torch()
  # The TF graphs are those of the CPU benchmarks (imported only with ours: they import TF).
  if ours is not None:
    import train_lenet_step
    import train_mlp_step
  else:
    train_lenet_step = train_mlp_step = None

  rows = []

  def add(model, unit, ours_v=None, torch_v=None, note=""):
    rows.append({"model": model, "unit": unit, "ours": ours_v, "pytorch": torch_v,
                 "ratio": ratio(ours_v, torch_v), "note": note})

  losses = {}
  for name, module, make in (("mlp", train_mlp_step, "mlp"), ("lenet", train_lenet_step, "lenet")):
    x, labels = data[name]
    o = t_host = t_dev = None
    if ours is not None:
      o, *losses["ours_" + name] = ours.train_step_ms(module, x, labels, args)
    if torch_side is not None:
      tx = x if name == "mlp" else np.ascontiguousarray(x.transpose(0, 3, 1, 2))  # NCHW
      t_host, *losses["torch_" + name] = torch_side.train_step_ms(
          getattr(torch_side, make)(), tx, labels, args, on_device=False)
      t_dev, *losses["torch_" + name + "_on_device"] = torch_side.train_step_ms(
          getattr(torch_side, make)(), tx, labels, args, on_device=True)
    title = {"mlp": "MLP 784-512-512-10, Adam, batch 128",
             "lenet": "LeNet CNN, Adam, batch 64"}[name]
    layout = "" if name == "mlp" else " (ours NHWC, PyTorch NCHW)"
    add(title + layout + ", inputs from host", "ms/step", o, t_host)
    add(title + ", PyTorch inputs on device", "ms/step", o, t_dev,
        note="ours still fed from host")

  o = ours.overhead_us(args.overhead_runs) if ours is not None else None
  t = torch_side.overhead_us(args.overhead_runs) if torch_side is not None else None
  add("Session.run of a + b (scalars in graph) / PyTorch (a + b).item()", "us/run", o, t)

  device = gpu_name(torch_side)
  driver = driver_version()
  result = {
      "device": device,
      "driver_version": driver,
      "ours_device": ours.device() if ours is not None else None,
      "torch_version": torch_side.torch.__version__ if torch_side is not None else None,
      "python": sys.version.split()[0],
      "method": {"warmup": args.warmup, "steps": args.steps, "repeats": args.repeats,
                 "statistic": "median ms/step of repeats; each repeat ends with a device sync",
                 "overhead_runs": args.overhead_runs, "tf32": True},
      "rows": rows,
      "losses_first_last": losses,
  }

  print("device: %s, driver %s, ours on %s" % (device or "none", driver or "-",
                                               result["ours_device"] or "-"))
  print()
  print("| model | unit | ours | PyTorch | ratio (PyTorch/ours) | device |")
  print("|---|---|---|---|---|---|")
  for r in rows:
    print("| %s | %s | %s | %s | %s | %s |" % (
        r["model"] + (" (%s)" % r["note"] if r["note"] else ""), r["unit"],
        fmt(r["ours"]), fmt(r["pytorch"]), fmt(r["ratio"], 2), device or "-"))
  if args.out:
    with open(args.out, "w") as f:
      json.dump(result, f, indent=2)
  return result


if __name__ == "__main__":
  main()
