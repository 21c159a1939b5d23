"""Linear regression in plain TF1 style: placeholders, Variables, GradientDescentOptimizer."""
import numpy as np
import tensorflow as tf

rng = np.random.RandomState(0)
true_w = np.array([[2.0], [-3.5], [1.0]], dtype=np.float32)
true_b = 0.5
x_data = rng.uniform(-1.0, 1.0, size=(100, 3)).astype(np.float32)
y_data = (x_data.dot(true_w) + true_b + rng.normal(0.0, 0.05, size=(100, 1))).astype(np.float32)

x = tf.placeholder(tf.float32, shape=[None, 3], name="x")
y = tf.placeholder(tf.float32, shape=[None, 1], name="y")
w = tf.Variable(tf.zeros([3, 1]), name="weights")
b = tf.Variable(0.0, name="bias")
prediction = tf.matmul(x, w) + b
loss = tf.reduce_mean(tf.square(prediction - y))
global_step = tf.train.get_or_create_global_step()
train_op = tf.train.GradientDescentOptimizer(0.2).minimize(loss, global_step=global_step)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for i in range(201):
        _, loss_value = sess.run([train_op, loss], feed_dict={x: x_data, y: y_data})
        if i % 40 == 0:
            print("step %3d  loss %.4f" % (i, loss_value))
    w_value, b_value, step = sess.run([w, b, global_step])
    print("weights", " ".join("%.3f" % v for v in w_value.ravel()))
    print("bias %.3f" % b_value)
    print("global step", step)
    final = sess.run(loss, feed_dict={x: x_data, y: y_data})
    print("final loss below 0.01:", bool(final < 0.01))
