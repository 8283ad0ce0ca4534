"""I paesaggi: gradienti analitici contro differenze finite, punti notevoli della curva."""

import numpy as np
import pytest

from lib import GD, Adagrad, curve, plateau, quadratic, rosenbrock, rotated_quadratic, run, saddle
from lib.landscapes import Curve, RotatedQuadratic

SURFACES = [quadratic, rotated_quadratic, RotatedQuadratic(angle=30.0), saddle, rosenbrock]


def finite_difference(f, w, h=1e-6):
    """Il gradiente per differenze centrali, coordinata per coordinata."""
    w = np.asarray(w, dtype=np.float64)
    return np.array([(f(w + h * e) - f(w - h * e)) / (2 * h) for e in np.eye(w.size)])


@pytest.mark.parametrize("landscape", SURFACES, ids=lambda s: type(s).__name__)
def test_surface_gradients_match_finite_differences(landscape):
    rng = np.random.default_rng(0)
    (x0, x1), (y0, y1) = landscape.bounds
    for w in rng.uniform([x0, y0], [x1, y1], size=(20, 2)):
        np.testing.assert_allclose(landscape.grad(w), finite_difference(landscape, w), rtol=1e-6, atol=1e-5)


@pytest.mark.parametrize("landscape", SURFACES, ids=lambda s: type(s).__name__)
def test_surfaces_are_vectorized_and_vanish_at_their_minima(landscape):
    W1, W2, Z = landscape.contour_grid
    assert Z.shape == W1.shape == W2.shape
    assert Z[3, 5] == landscape(np.array([W1[3, 5], W2[3, 5]]))
    for minimum in landscape.minima:
        np.testing.assert_array_equal(landscape.grad(np.array(minimum)), [0, 0])
        assert landscape(np.array(minimum)) <= Z.min() + 1e-12


def test_quadratic_of_the_notes():
    assert quadratic(np.array([-5.0, -2.0])) == 10.5
    np.testing.assert_array_equal(quadratic.grad(np.array([-5.0, -2.0])), [-1.0, -8.0])
    assert quadratic.curvatures == (0.2, 4.0)


def test_rotated_quadratic_keeps_curvatures_start_cost_and_minimum():
    assert rotated_quadratic.name == "Quadratica ruotata di 45°"
    np.testing.assert_allclose(np.linalg.eigvalsh(rotated_quadratic.hessian), [0.2, 4.0])
    np.testing.assert_allclose(rotated_quadratic.hessian, [[2.1, -1.9], [-1.9, 2.1]])
    assert rotated_quadratic(np.array(rotated_quadratic.start)) == pytest.approx(10.5)
    np.testing.assert_allclose(rotated_quadratic.start, [-3 / np.sqrt(2), -7 / np.sqrt(2)])
    x0, x1 = rotated_quadratic.bounds[1]
    assert x0 < rotated_quadratic.start[1] < x1


def test_rotation_by_zero_is_the_quadratic_of_the_notes():
    flat = RotatedQuadratic(angle=0.0)
    w = np.random.default_rng(3).normal(size=(5, 2))
    np.testing.assert_allclose(flat(w), quadratic(w))
    np.testing.assert_allclose(flat.grad(w), quadratic.grad(w))
    assert flat.start == quadratic.start


def test_gd_does_not_see_the_rotation_but_adagrad_does():
    """La discesa del gradiente fa lo stesso cammino ruotato; Adagrad, che riscala le coordinate, no."""
    Q = rotated_quadratic.rotation
    for opt, same in ((GD(0.3), True), (Adagrad(0.5), False)):
        plain = run(opt, quadratic.grad, quadratic.start, 20)
        rotated = run(opt, rotated_quadratic.grad, rotated_quadratic.start, 20)
        assert np.allclose(rotated @ Q.T, plain) is same


def test_rotated_quadratic_rejects_a_bad_angle():
    with pytest.raises(ValueError, match="angle deve essere un numero finito"):
        RotatedQuadratic(angle=float("nan"))


def test_saddle_is_a_saddle():
    hessian_diagonal = [(saddle.grad(np.array(e) * 1e-4) / 1e-4) @ e for e in np.eye(2)]
    assert hessian_diagonal[0] > 0 > hessian_diagonal[1]
    np.testing.assert_array_equal(saddle.grad(np.zeros(2)), [0, 0])


@pytest.mark.parametrize("c1d", [curve, plateau], ids=["curve", "plateau"])
def test_curve_gradient_matches_finite_differences(c1d):
    w = np.linspace(*c1d.bounds, 37)
    np.testing.assert_allclose(c1d.grad(w), (c1d(w + 1e-6) - c1d(w - 1e-6)) / 2e-6, rtol=1e-6, atol=1e-6)


def second_derivative(f, w, h=1e-4):
    return (f(w + h) - 2 * f(w) + f(w - h)) / h**2


def test_curve_points_of_the_notes():
    """a in alto a sinistra, minimo locale in b, massimo locale in c, minimo globale in d."""
    a, b, c, d = (curve.points[p] for p in "abcd")
    assert a < b < c < d
    np.testing.assert_allclose(curve.grad(np.array([b, c, d])), 0, atol=1e-12)
    assert second_derivative(curve, b) > 0 > second_derivative(curve, c)
    assert second_derivative(curve, d) > 0
    assert curve(a) > curve(c) > curve(b) > curve(d) == 0
    w, f = curve.plot_grid
    assert f.min() == pytest.approx(0, abs=1e-3) and abs(w[f.argmin()] - d) < 0.05


def test_plateau_has_a_flat_inflection_at_b():
    b = plateau.points["b"]
    assert plateau.grad(b) == 0
    assert abs(second_derivative(plateau, b)) < 1e-6
    w = np.linspace(plateau.bounds[0], plateau.points["d"], 50)
    assert np.all(plateau.grad(w) <= 0)  # scende sempre fino a d: b non è un minimo


@pytest.mark.parametrize("c1d", [curve, plateau, Curve(a=-2.2, b=-1.5, c=-0.5, d=1.5, k=1.0)],
                         ids=["curve", "plateau", "wells.g"])
def test_curve_second_derivative_matches_finite_differences(c1d):
    w = np.linspace(*c1d.bounds, 37)
    np.testing.assert_allclose(c1d.second_derivative(w), (c1d.grad(w + 1e-6) - c1d.grad(w - 1e-6)) / 2e-6,
                               rtol=1e-6, atol=1e-6)


def test_curve_second_derivative_by_hand():
    """Con k = 0.5, b = 2, c = 3, d = 5: f''(d) = 0.5 · 3 · 2 = 3, f''(b) = 0.5 · (−1)(−3) = 1.5, f''(c) = −1."""
    assert curve.second_derivative(np.array([5.0, 2.0, 3.0])) == pytest.approx([3.0, 1.5, -1.0])
    assert plateau.second_derivative(2.0) == 0  # b = c: flesso orizzontale


# --------------------------------------------------------------------------
# Paesaggi del capitolo 1 oltre gli appunti: la parabola ondulata e il dirupo
# --------------------------------------------------------------------------

from lib import GD, run  # noqa: E402
from lib.landscapes import Cliff, Wavy, cliff, wavy  # noqa: E402


def test_wavy_derivatives_match_finite_differences():
    w = np.linspace(*wavy.bounds, 41)
    np.testing.assert_allclose(wavy.grad(w), (wavy(w + 1e-6) - wavy(w - 1e-6)) / 2e-6, rtol=1e-6, atol=1e-6)
    np.testing.assert_allclose(wavy.second_derivative(w), (wavy.grad(w + 1e-6) - wavy.grad(w - 1e-6)) / 2e-6,
                               rtol=1e-6, atol=1e-6)


def test_wavy_is_not_convex_and_its_curvature_is_bounded_by_l():
    w = np.linspace(-20, 20, 100_001)
    curvature = wavy.second_derivative(w)
    assert curvature.min() < 0  # non convessa
    assert np.abs(curvature).max() <= wavy.lipschitz
    assert np.abs(curvature).max() == pytest.approx(wavy.lipschitz, abs=1e-6)  # L è la costante più piccola
    assert wavy.lipschitz == 4.0


def test_wavy_minima_are_its_critical_points_with_positive_curvature():
    assert len(wavy.critical_points) == 3  # minimo globale, massimo locale, minimo locale
    np.testing.assert_allclose(wavy.grad(np.array(wavy.critical_points)), 0, atol=1e-12)
    assert len(wavy.minima) == 2
    glob, local = wavy.minima
    assert glob < 0 < local and wavy(glob) < wavy(local)
    w, values = wavy.plot_grid
    assert values.min() >= wavy(glob) - 1e-12


def test_wavy_rejects_a_non_positive_amplitude():
    with pytest.raises(ValueError, match="a deve essere"):
        Wavy(a=0.0)


def test_cliff_gradient_matches_finite_differences_off_the_edges():
    rng = np.random.default_rng(1)
    (x0, x1), (y0, y1) = cliff.bounds
    points = rng.uniform([x0, y0], [x1, y1], size=(30, 2))
    points = np.vstack([points, rng.uniform([2.01, -1], [2.49, 1], size=(10, 2))])  # sulla parete
    for w in points:
        np.testing.assert_allclose(cliff.grad(w), finite_difference(cliff, w), rtol=1e-5, atol=1e-5)


def test_cliff_has_a_steep_wall_between_two_gentle_regions():
    wall = cliff.grad(np.array([cliff.c + cliff.width / 2, 0.0]))[0]
    assert wall == pytest.approx(2 * cliff.a * (cliff.c + cliff.width / 2) + 1.5 * cliff.height / cliff.width)
    assert abs(cliff.grad(np.array(cliff.start))[0]) < 1  # sul terrazzo la pendenza è dolce
    assert cliff(np.array(cliff.start)) > cliff.height  # la partenza è sul terrazzo alto
    np.testing.assert_array_equal(cliff.grad(np.zeros(2)), [0, 0])
    assert cliff(np.zeros(2)) == 0
    W1, W2, Z = cliff.contour_grid
    assert Z.min() >= 0


def test_cliff_validates_its_parameters():
    with pytest.raises(ValueError, match="width"):
        Cliff(width=0.0)
    with pytest.raises(ValueError, match="c deve essere"):
        Cliff(c=-1.0)


@pytest.mark.parametrize("eta, fate", [(0.1, "b"), (0.5, "d"), (0.65, "b"), (0.67, "ciclo di periodo 2"),
                                       (0.7, "diverge")])
def test_curve_fate_names_where_gradient_descent_ends(eta, fate):
    assert curve.fate(run(GD(eta), curve.grad, curve.start, 2000)) == fate


def test_curve_fate_of_a_path_still_on_its_way():
    assert curve.fate(run(GD(0.001), curve.grad, curve.start, 10)) == "altro"
    with pytest.raises(ValueError, match="tol"):
        curve.fate(run(GD(0.1), curve.grad, curve.start, 10), tol=0)
