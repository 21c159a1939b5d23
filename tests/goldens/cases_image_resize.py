"""tf.image resizing (ResizeBilinear, ResizeNearestNeighbor and their gradients): values, static
shapes and graphs against real TensorFlow (tests/python/test_image_resize.py)."""
import numpy as np

_RNG = np.random.RandomState(11)
_IMG = _RNG.uniform(-3, 3, [2, 5, 7, 3]).astype(np.float32)
_INT_IMG = _RNG.randint(0, 255, [1, 4, 6, 2]).astype(np.uint8)


def _variants(tf, fn, images, size):
    out = {}
    for name, kw in [("legacy", {}), ("align", {"align_corners": True}),
                     ("half", {"half_pixel_centers": True})]:
        out[name] = fn(images, size, **kw)
    return out


def bilinear_up_and_down(tf):
    x = tf.constant(_IMG)
    out = {}
    for size in ([9, 13], [3, 4], [5, 7], [1, 1], [10, 3]):
        for k, v in _variants(tf, tf.image.resize_bilinear, x, size).items():
            out["%s_%dx%d" % (k, size[0], size[1])] = v
    return out


def nearest_up_and_down(tf):
    x = tf.constant(_IMG)
    out = {}
    for size in ([9, 13], [3, 4], [2, 11], [1, 1]):
        for k, v in _variants(tf, tf.image.resize_nearest_neighbor, x, size).items():
            out["%s_%dx%d" % (k, size[0], size[1])] = v
    return out


def integer_images(tf):
    x = tf.constant(_INT_IMG)
    return {"bilinear": tf.image.resize_bilinear(x, [7, 5]),
            "nearest": tf.image.resize_nearest_neighbor(x, [7, 5]),
            "half_bilinear": tf.image.resize_bilinear(x, [3, 9], half_pixel_centers=True)}


def resize_images_wrapper(tf):
    x = tf.constant(_IMG)
    single = tf.constant(_IMG[0])
    return {
        "bilinear": tf.image.resize_images(x, [8, 10]),
        "nearest": tf.image.resize_images(x, [8, 10],
                                          method=tf.image.ResizeMethod.NEAREST_NEIGHBOR),
        "aligned": tf.image.resize_images(x, [8, 10], align_corners=True),
        "single_image": tf.image.resize_images(single, [4, 4]),
        "same_size": tf.image.resize_images(x, [5, 7]),
        "aspect": tf.image.resize_images(x, [10, 10], preserve_aspect_ratio=True),
        "resize_alias": tf.image.resize(single, tf.constant([6, 6])),
    }


def unknown_size(tf):
    x = tf.placeholder_with_default(_IMG, [None, None, None, 3])
    size = tf.placeholder_with_default(tf.constant([6, 9]), [2])
    return {"bilinear": tf.image.resize_images(x, size),
            "aspect": tf.image.resize_images(x, [6, 9], preserve_aspect_ratio=True)}


def gradients(tf):
    x = tf.constant(_IMG.astype(np.float64))
    w = tf.constant(_RNG.uniform(-1, 1, [2, 8, 11, 3]))
    out = {}
    for name, kw in [("legacy", {}), ("align", {"align_corners": True}),
                     ("half", {"half_pixel_centers": True})]:
        for op_name, fn in [("bilinear", tf.image.resize_bilinear),
                            ("nearest", tf.image.resize_nearest_neighbor)]:
            y = fn(x, [8, 11], **kw)
            y = tf.cast(y, tf.float64)
            out["%s_%s" % (op_name, name)] = tf.gradients(tf.reduce_sum(y * w), x)[0]
    x32 = tf.constant(_IMG)
    down = tf.image.resize_bilinear(x32, [3, 2])
    out["bilinear_down"] = tf.gradients(tf.reduce_sum(down * down), x32)[0]
    return out


CASES = {f.__name__: f for f in (bilinear_up_and_down, nearest_up_and_down, integer_images,
                                 resize_images_wrapper, unknown_size, gradients)}
