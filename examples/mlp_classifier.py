"""A two-layer MLP classifier in plain TF1 style: placeholders, Variables, AdamOptimizer."""
import numpy as np
import tensorflow as tf

rng = np.random.RandomState(42)
centers = np.array([[0.0, 2.0], [2.0, -1.0], [-2.0, -1.0]], dtype=np.float32)
labels = np.repeat(np.arange(3), 100)
points = (centers[labels] + rng.normal(0.0, 0.8, size=(300, 2))).astype(np.float32)
onehot = np.eye(3, dtype=np.float32)[labels]

x = tf.placeholder(tf.float32, shape=[None, 2], name="x")
y = tf.placeholder(tf.float32, shape=[None, 3], name="y")
w1 = tf.Variable(rng.normal(0.0, 0.5, size=(2, 16)).astype(np.float32), name="w1")
b1 = tf.Variable(tf.zeros([16]), name="b1")
w2 = tf.Variable(rng.normal(0.0, 0.5, size=(16, 3)).astype(np.float32), name="w2")
b2 = tf.Variable(tf.zeros([3]), name="b2")
hidden = tf.nn.relu(tf.matmul(x, w1) + b1)
logits = tf.matmul(hidden, w2) + b2
loss = tf.reduce_mean(-tf.reduce_sum(y * tf.nn.log_softmax(logits), axis=1))
correct = tf.equal(tf.argmax(logits, 1), tf.argmax(y, 1))
accuracy = tf.reduce_mean(tf.cast(correct, tf.float32))
train_op = tf.train.AdamOptimizer(learning_rate=0.01).minimize(loss)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    feed = {x: points, y: onehot}
    for i in range(301):
        _, loss_value = sess.run([train_op, loss], feed_dict=feed)
        if i % 50 == 0:
            print("step %3d  loss %.4f" % (i, loss_value))
    acc = sess.run(accuracy, feed_dict=feed)
    print("train accuracy %.3f" % acc)
    print("accuracy above 0.9:", bool(acc > 0.9))
