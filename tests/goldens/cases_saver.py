"""tf.train.Saver graphs whose GraphDefs (node names, ops, inputs, attrs) are compared with real
TensorFlow's (tests/python/test_saver.py). Each case returns tensors that need no variables."""


def ref_variables(tf):
    w = tf.Variable([[1.0, 2.0], [3.0, 4.0]], name="w")
    tf.Variable(3, name="b")
    tf.train.Saver()
    return {"w0": w.initial_value}


def resource_and_ref_variables(tf):
    tf.Variable([1.0, 2.0], name="w")
    tf.get_variable("r", [3], use_resource=True, initializer=tf.ones_initializer())
    with tf.variable_scope("layer"):
        tf.get_variable("kernel", [2, 2], dtype=tf.float64, initializer=tf.zeros_initializer())
    tf.train.Saver()
    return {"c": tf.constant(0)}


def var_list_dict_and_name(tf):
    w = tf.Variable([1.0, 2.0], name="w")
    v = tf.Variable([5, 6], name="v")
    tf.train.Saver({"model/weights": w, "a_first": v}, name="my_saver")
    tf.train.Saver([v])
    return {"c": tf.constant(0)}


def scoped_saver_unshaped_variable(tf):
    with tf.variable_scope("outer"):
        u = tf.Variable(tf.placeholder_with_default([1.0, 2.0, 3.0], shape=[None]),
                        validate_shape=False, name="u")
        g = tf.train.get_or_create_global_step()
    with tf.name_scope("ckpt"):
        tf.train.Saver([u, g], max_to_keep=2, keep_checkpoint_every_n_hours=1.5, reshape=True)
    return {"c": tf.constant(0)}


CASES = {f.__name__: f for f in (ref_variables, resource_and_ref_variables, var_list_dict_and_name,
                                 scoped_saver_unshaped_variable)}
