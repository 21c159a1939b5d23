"""GPU kernels of the fused optimizer updates (ApplyAdam, ResourceApplyAdam, ...) and of
AssignAdd/AssignSub (ref and resource) against the CPU kernels.

Every case builds two copies of the variables and the update in one graph, one under
tf.device('/cpu:0') and one under tf.device('/gpu:0'), starts both from the same random values,
runs three steps with the same random gradients and hyper-parameters (fed per step, so the GPU
kernels read changing device scalars), and compares every variable and slot.
"""
import numpy as np
import pytest
import tensorflow as tf
from tensorflow.python.ops import gen_resource_variable_ops
from tensorflow.python.ops import gen_training_ops

from device_util import random_array, requires_gpu

pytestmark = requires_gpu

DEVICES = ("/cpu:0", "/gpu:0")
STEPS = 3
TOL = {np.float16: 1e-2, np.float32: 1e-5, np.float64: 1e-12}
# Ftrl with lr_power != -0.5 takes pow(), which differs by an ulp or two between CUDA and glibc,
# and its update subtracts two nearby powers: a few elements differ in the 4th-5th digit (float)
# or the 11th (double) on an H200.
POW_TOL = {np.float16: 1e-2, np.float32: 1e-3, np.float64: 1e-9}


def _positive(shape, dtype, seed):
  return random_array(shape, dtype, low=0.5, high=1.5, seed=seed)


def _signed(shape, dtype, seed):
  return random_array(shape, dtype, low=-1.0, high=1.0, seed=seed)


def _small(shape, dtype, seed):
  return random_array(shape, dtype, low=-0.2, high=0.2, seed=seed)


# name: (op suffix, [(slot, initial values)], {scalar: value or value-for-step fn}, attrs).
# Slots that are square-rooted start positive; centered RMSProp's ms exceeds mg**2.
ALGOS = {
    "GradientDescent": ("gradient_descent", [], {"alpha": 0.1}, {}),
    "Momentum": ("momentum", [("accum", _signed)], {"lr": 0.1, "momentum": 0.9}, {}),
    "MomentumNesterov": ("momentum", [("accum", _signed)], {"lr": 0.1, "momentum": 0.9},
                         {"use_nesterov": True}),
    "Adam": ("adam", [("m", _signed), ("v", _positive)],
             {"beta1_power": lambda t: 0.9 ** (t + 1), "beta2_power": lambda t: 0.999 ** (t + 1),
              "lr": 0.01, "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-3}, {}),
    "AdamNesterov": ("adam", [("m", _signed), ("v", _positive)],
                     {"beta1_power": lambda t: 0.9 ** (t + 1),
                      "beta2_power": lambda t: 0.999 ** (t + 1),
                      "lr": 0.01, "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-3},
                     {"use_nesterov": True}),
    "Adagrad": ("adagrad", [("accum", _positive)], {"lr": 0.1}, {}),
    "AdagradNoSlotUpdate": ("adagrad", [("accum", _positive)], {"lr": 0.1},
                            {"update_slots": False}),
    "AdagradV2": ("adagrad_v2", [("accum", _positive)], {"lr": 0.1, "epsilon": 1e-3}, {}),
    "RMSProp": ("rms_prop", [("ms", _positive), ("mom", _signed)],
                {"lr": 0.01, "rho": 0.9, "momentum": 0.5, "epsilon": 1e-3}, {}),
    "CenteredRMSProp": ("centered_rms_prop", [("mg", _small), ("ms", _positive), ("mom", _signed)],
                        {"lr": 0.01, "rho": 0.9, "momentum": 0.5, "epsilon": 1e-3}, {}),
    "Adadelta": ("adadelta", [("accum", _positive), ("accum_update", _positive)],
                 {"lr": 1.0, "rho": 0.95, "epsilon": 1e-3}, {}),
    "Ftrl": ("ftrl", [("accum", _positive), ("linear", _signed)],
             {"lr": 0.1, "l1": 0.01, "l2": 0.02, "lr_power": -0.5}, {}),
    "FtrlPow": ("ftrl", [("accum", _positive), ("linear", _signed)],
                {"lr": 0.1, "l1": 0.01, "l2": 0.02, "lr_power": -0.3}, {}),
    "FtrlV2": ("ftrl_v2", [("accum", _positive), ("linear", _signed)],
               {"lr": 0.1, "l1": 0.01, "l2": 0.02, "l2_shrinkage": 0.05, "lr_power": -0.5}, {}),
}


def _scalar_value(value, step):
  return value(step) if callable(value) else value


def _run_algo(name, dtype, shape, resource):
  """Returns ({device: [var, slots...] after STEPS steps}, {device: ref outputs per step})."""
  suffix, slots, scalars, attrs = ALGOS[name]
  dtype = np.dtype(dtype).type
  tf_dtype = tf.as_dtype(dtype)
  inits = [("var", _signed(shape, dtype, 1))]
  inits += [(slot, make(shape, dtype, 2 + k)) for k, (slot, make) in enumerate(slots)]
  grads = [random_array(shape, dtype, low=-1.0, high=1.0, seed=10 + t) for t in range(STEPS)]
  op = getattr(gen_training_ops, ("resource_apply_" if resource else "apply_") + suffix)
  grad_arg = "delta" if suffix == "gradient_descent" else "grad"

  g = tf.Graph()
  with g.as_default():
    grad_ph = tf.compat.v1.placeholder(tf_dtype, shape)
    scalar_phs = {k: tf.compat.v1.placeholder(tf_dtype, []) for k in scalars}
    variables, updates = {}, {}
    for dev in DEVICES:
      tag = dev.strip("/").replace(":", "")
      with tf.device(dev):
        vs = [tf.compat.v1.Variable(init, name="%s_%s" % (slot, tag), use_resource=resource)
              for slot, init in inits]
        args = {slot: (v.handle if resource else v) for (slot, _), v in zip(inits, vs)}
        args.update(scalar_phs)
        args[grad_arg] = grad_ph
        updates[dev] = op(**args, **attrs)
      variables[dev] = vs
    init_op = tf.compat.v1.global_variables_initializer()
    with tf.compat.v1.Session(graph=g) as sess:
      sess.run(init_op)
      outs = {dev: [] for dev in DEVICES}
      for t in range(STEPS):
        feed = {grad_ph: grads[t]}
        feed.update({scalar_phs[k]: np.asarray(_scalar_value(v, t), dtype)
                     for k, v in scalars.items()})
        for dev in DEVICES:
          r = sess.run(updates[dev], feed)
          if not resource:
            outs[dev].append(r)  # the Ref output: the updated variable
      values = {dev: sess.run(variables[dev]) for dev in DEVICES}
  return values, outs


def _assert_close(gpu, cpu, dtype, tols=TOL):
  gpu = np.asarray(gpu)
  cpu = np.asarray(cpu)
  assert gpu.shape == cpu.shape and gpu.dtype == cpu.dtype, (gpu.shape, cpu.shape, gpu.dtype)
  tol = tols[np.dtype(dtype).type]
  scale = max(float(np.max(np.abs(cpu.astype(np.float64)))), 1e-30) if cpu.size else 1.0
  np.testing.assert_allclose(gpu.astype(np.float64), cpu.astype(np.float64), rtol=tol,
                             atol=tol * scale)
  assert np.isfinite(cpu.astype(np.float64)).all()


def _check_algo(name, dtype, shape, resource):
  values, outs = _run_algo(name, dtype, shape, resource)
  cpu, gpu = values["/cpu:0"], values["/gpu:0"]
  assert len(cpu) == len(gpu) == 1 + len(ALGOS[name][1])
  tols = POW_TOL if name == "FtrlPow" else TOL
  for c, d in zip(cpu, gpu):
    _assert_close(d, c, dtype, tols)
  # Three steps really moved the variable.
  start = _signed(shape, np.dtype(dtype).type, 1)
  if start.size:
    assert not np.array_equal(np.asarray(cpu[0]), start)
  for c, d in zip(outs["/cpu:0"], outs["/gpu:0"]):
    _assert_close(d, c, dtype, tols)


@pytest.mark.parametrize("resource", [False, True], ids=["ref", "resource"])
@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.float16])
@pytest.mark.parametrize("name", sorted(ALGOS))
def test_apply_dense(name, dtype, resource):
  _check_algo(name, dtype, (1023,), resource)


@pytest.mark.parametrize("shape", [(1,), (7,), (3, 4, 5), (2, 1, 3, 2, 2), (0,), (2, 0, 3)])
@pytest.mark.parametrize("name", ["Adam", "CenteredRMSProp", "Ftrl"])
def test_apply_dense_shapes(name, shape):
  _check_algo(name, np.float32, shape, resource=False)
  _check_algo(name, np.float32, shape, resource=True)


# ---- the optimizers, as user code builds them ------------------------------------------------

OPTIMIZERS = {
    "GradientDescent": lambda: tf.compat.v1.train.GradientDescentOptimizer(0.1),
    "Momentum": lambda: tf.compat.v1.train.MomentumOptimizer(0.1, 0.9),
    "MomentumNesterov": lambda: tf.compat.v1.train.MomentumOptimizer(0.1, 0.9,
                                                                     use_nesterov=True),
    "Adam": lambda: tf.compat.v1.train.AdamOptimizer(0.01),
    "Adagrad": lambda: tf.compat.v1.train.AdagradOptimizer(0.1),
    "RMSProp": lambda: tf.compat.v1.train.RMSPropOptimizer(0.01, momentum=0.5),
    "CenteredRMSProp": lambda: tf.compat.v1.train.RMSPropOptimizer(0.01, momentum=0.5,
                                                                   centered=True),
    "Adadelta": lambda: tf.compat.v1.train.AdadeltaOptimizer(1.0),
    "Ftrl": lambda: tf.compat.v1.train.FtrlOptimizer(0.1, l1_regularization_strength=0.01,
                                                     l2_regularization_strength=0.02),
}


@pytest.mark.parametrize("resource", [False, True], ids=["ref", "resource"])
@pytest.mark.parametrize("name", sorted(OPTIMIZERS))
def test_optimizer_steps(name, resource):
  shapes = [(5, 3), (3,)]
  inits = [_signed(s, np.float32, 20 + k) for k, s in enumerate(shapes)]
  grads = [[random_array(s, np.float32, seed=30 + 10 * t + k) for k, s in enumerate(shapes)]
           for t in range(STEPS)]
  g = tf.Graph()
  with g.as_default():
    grad_phs = [tf.compat.v1.placeholder(tf.float32, s) for s in shapes]
    variables, slots, train = {}, {}, {}
    for dev in DEVICES:
      tag = dev.strip("/").replace(":", "")
      with tf.device(dev):
        vs = [tf.compat.v1.Variable(init, name="w%d_%s" % (k, tag), use_resource=resource)
              for k, init in enumerate(inits)]
        opt = OPTIMIZERS[name]()
        train[dev] = opt.apply_gradients(list(zip(grad_phs, vs)))
      variables[dev] = vs
      slots[dev] = [opt.get_slot(v, s) for v in vs for s in sorted(opt.get_slot_names())]
    init_op = tf.compat.v1.global_variables_initializer()
    with tf.compat.v1.Session(graph=g) as sess:
      sess.run(init_op)
      for t in range(STEPS):
        feed = dict(zip(grad_phs, grads[t]))
        for dev in DEVICES:
          sess.run(train[dev], feed)
      cpu = sess.run(variables["/cpu:0"] + slots["/cpu:0"])
      gpu = sess.run(variables["/gpu:0"] + slots["/gpu:0"])
  for c, d in zip(cpu, gpu):
    _assert_close(d, c, np.float32)
  assert not np.array_equal(cpu[0], inits[0])


# ---- AssignAdd / AssignSub ---------------------------------------------------------------------

@pytest.mark.parametrize("shape", [(1,), (7,), (1023,), (3, 4, 5), (2, 1, 3, 2, 2), (0, 4)])
@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.float16])
def test_assign_add_sub(dtype, shape):
  init = random_array(shape, dtype, seed=40)
  deltas = [random_array(shape, dtype, seed=41 + t) for t in range(STEPS)]
  g = tf.Graph()
  with g.as_default():
    delta = tf.compat.v1.placeholder(tf.as_dtype(dtype), shape)
    results = {}
    for dev in DEVICES:
      tag = dev.strip("/").replace(":", "")
      with tf.device(dev):
        ref = tf.compat.v1.Variable(init, name="ref_" + tag)
        res = tf.compat.v1.Variable(init, name="res_" + tag, use_resource=True)
        ops = [tf.compat.v1.assign_add(ref, delta),
               tf.compat.v1.assign_sub(ref, delta, use_locking=True),
               gen_resource_variable_ops.assign_add_variable_op(res.handle, delta),
               gen_resource_variable_ops.assign_sub_variable_op(res.handle, delta)]
      results[dev] = (ref, res, ops)
    init_op = tf.compat.v1.global_variables_initializer()
    with tf.compat.v1.Session(graph=g) as sess:
      sess.run(init_op)
      vals = {dev: [] for dev in DEVICES}
      for t in range(STEPS):
        for dev in DEVICES:
          ref, res, (add_ref, sub_ref, add_res, sub_res) = results[dev]
          # Add twice, subtract once per step: the variables move by one delta a step.
          vals[dev].append(sess.run(add_ref, {delta: deltas[t]}))
          sess.run(add_ref, {delta: deltas[t]})
          vals[dev].append(sess.run(sub_ref, {delta: deltas[t]}))
          sess.run(add_res, {delta: deltas[t]})
          sess.run(add_res, {delta: deltas[t]})
          sess.run(sub_res, {delta: deltas[t]})
      for dev in DEVICES:
        vals[dev] += sess.run([results[dev][0], results[dev][1]])
  for c, d in zip(vals["/cpu:0"], vals["/gpu:0"]):
    _assert_close(d, c, dtype)
  ref_final, res_final = vals["/gpu:0"][-2:]
  _assert_close(res_final, ref_final, dtype)


def test_resource_update_keeps_earlier_read():
  # A value read before an in-place update must not change: the GPU kernel works on a copy of
  # a buffer that a reader still holds.
  init = random_array((257,), np.float32, seed=50)
  grad = random_array((257,), np.float32, seed=51)
  g = tf.Graph()
  with g.as_default():
    fetches = {}
    for dev in DEVICES:
      tag = dev.strip("/").replace(":", "")
      with tf.device(dev):
        v = tf.compat.v1.Variable(init, name="v_" + tag, use_resource=True)
        before = v.read_value()
        with tf.control_dependencies([before]):
          upd = gen_training_ops.resource_apply_gradient_descent(
              v.handle, tf.constant(0.5, tf.float32), tf.constant(grad))
        with tf.control_dependencies([upd]):
          after = v.read_value()
        with tf.control_dependencies([after]):
          add = gen_resource_variable_ops.assign_add_variable_op(v.handle, tf.constant(grad))
      fetches[dev] = (v, before, after, add)
    with tf.compat.v1.Session(graph=g) as sess:
      sess.run(tf.compat.v1.global_variables_initializer())
      for dev in DEVICES:
        v, before, after, add = fetches[dev]
        b, a, _ = sess.run([before, after, add])
        np.testing.assert_array_equal(b, init)
        np.testing.assert_array_equal(a, (init - grad * np.float32(0.5)).astype(np.float32))
        np.testing.assert_array_equal(sess.run(v), a + grad)


# ---- bad input: the GPU kernels raise the CPU kernels' errors -----------------------------------

def _run_on(dev, build, feed_values):
  g = tf.Graph()
  with g.as_default():
    with tf.device(dev):
      fetch, feeds, init = build()
    with tf.compat.v1.Session(graph=g) as sess:
      if init is not None:
        sess.run(init)
      return sess.run(fetch, dict(zip(feeds, feed_values)))


def _same_error(build, feed_values, error, pattern):
  for dev in DEVICES:
    with pytest.raises(error, match=pattern):
      _run_on(dev, build, feed_values)


def test_error_grad_shape():
  def build():
    v = tf.compat.v1.Variable(np.ones((4,), np.float32))
    grad = tf.compat.v1.placeholder(tf.float32, None)
    upd = gen_training_ops.apply_gradient_descent(v, tf.constant(0.1), grad)
    return upd, [grad], tf.compat.v1.global_variables_initializer()
  _same_error(build, [np.ones((5,), np.float32)], tf.errors.InvalidArgumentError,
              "var and delta do not have the same shape")


def test_error_slot_shape_and_scalar():
  def build_slot():
    v = tf.compat.v1.Variable(np.ones((4,), np.float32), use_resource=True)
    m = tf.compat.v1.Variable(np.ones((3,), np.float32), use_resource=True)
    upd = gen_training_ops.resource_apply_momentum(v.handle, m.handle, tf.constant(0.1),
                                                   tf.constant(np.ones(4, np.float32)),
                                                   tf.constant(0.9))
    return upd, [], tf.compat.v1.global_variables_initializer()
  _same_error(build_slot, [], tf.errors.InvalidArgumentError,
              "var and accum do not have the same shape")

  def build_scalar():
    v = tf.compat.v1.Variable(np.ones((4,), np.float32))
    a = tf.compat.v1.Variable(np.ones((4,), np.float32))
    lr = tf.compat.v1.placeholder(tf.float32, None)
    upd = gen_training_ops.apply_adagrad(v, a, lr, tf.constant(np.ones(4, np.float32)))
    return upd, [lr], tf.compat.v1.global_variables_initializer()
  _same_error(build_scalar, [np.ones((2,), np.float32)], tf.errors.InvalidArgumentError,
              r"lr is not a scalar: \[2\]")


def test_error_uninitialized():
  def build():
    v = tf.compat.v1.Variable(np.ones((4,), np.float32), use_resource=True)
    m = tf.compat.v1.Variable(np.ones((4,), np.float32), use_resource=True)
    upd = gen_training_ops.resource_apply_momentum(v.handle, m.handle, tf.constant(0.1),
                                                   tf.constant(np.ones(4, np.float32)),
                                                   tf.constant(0.9))
    return upd, [], None
  _same_error(build, [], tf.errors.FailedPreconditionError, "uninitialized")


def test_error_assign_add_shapes():
  def build_ref():
    v = tf.compat.v1.Variable(np.ones((4,), np.float32))
    d = tf.compat.v1.placeholder(tf.float32, None)
    return tf.compat.v1.assign_add(v, d), [d], tf.compat.v1.global_variables_initializer()
  _same_error(build_ref, [np.ones((3,), np.float32)], tf.errors.InvalidArgumentError,
              "Parameters and update must be the same size")

  def build_resource():
    v = tf.compat.v1.Variable(np.ones((4,), np.float32), use_resource=True)
    d = tf.compat.v1.placeholder(tf.float32, None)
    upd = gen_resource_variable_ops.assign_sub_variable_op(v.handle, d)
    return upd, [d], tf.compat.v1.global_variables_initializer()
  _same_error(build_resource, [np.ones((3,), np.float32)], tf.errors.InvalidArgumentError,
              "Cannot update variable with shape")
