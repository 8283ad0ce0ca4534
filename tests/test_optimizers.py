"""Ogni ottimizzatore contro valori ricavati a mano o in forma chiusa."""

import numpy as np
import pytest

from lib import GD, Adadelta, Adagrad, Adam, AdamW, Momentum, RMSProp, quadratic, run, step_decay


def constant_gradient(g):
    """Il gradiente di una funzione lineare C(w) = g·w: sempre uguale a g."""
    return lambda w: np.full_like(w, g)


# --- l'esempio svolto degli appunti: f = 0.1 w1² + 2 w2², η = 0.4, w⁽⁰⁾ = (−5, −2) ---


def test_worked_example_first_two_steps():
    traj = run(GD(eta=0.4), quadratic.grad, [-5, -2], 2)
    np.testing.assert_allclose(traj, [[-5, -2], [-4.6, 1.2], [-4.232, -0.72]], rtol=0, atol=1e-12)
    np.testing.assert_allclose(quadratic(traj), [10.5, 4.996, 2.8277824], rtol=0, atol=1e-12)


def test_worked_example_after_20_steps_matches_the_notes():
    w20 = run(GD(eta=0.4), quadratic.grad, [-5, -2], 20)[-1]
    assert np.round(w20, 6).tolist() == [-0.943467, -0.000073]


@pytest.mark.parametrize("eta", [0.05, 0.4, 0.49, 0.51])
def test_gd_on_quadratic_has_per_coordinate_factors(eta):
    """Sulla quadratica ogni coordinata si moltiplica per 1 − 2aη a ogni passo: 1 − 0.2η e 1 − 4η."""
    k = np.arange(31)[:, None]
    factors = np.array([1 - 0.2 * eta, 1 - 4 * eta])
    expected = np.array([-5.0, -2.0]) * factors**k
    np.testing.assert_allclose(run(GD(eta), quadratic.grad, [-5, -2], 30), expected, rtol=1e-12)


def test_gd_accepts_a_schedule():
    eta = step_decay(0.4, 0.5, 3)
    traj = run(GD(eta), quadratic.grad, [-5, -2], 7)
    rates = 0.4 * 0.5 ** (np.arange(7) // 3)
    expected = np.vstack([[1.0, 1.0], np.cumprod(1 - np.outer(rates, [0.2, 4.0]), axis=0)]) * [-5, -2]
    np.testing.assert_allclose(traj, expected, rtol=1e-12)


# --- momentum ---


def test_momentum_first_steps_by_hand():
    # g(w0) = (−1, −8); v1 = g(w0); w1 = w0 − 0.4·v1 = (−4.6, 1.2)
    # g(w1) = (−0.92, 4.8); v2 = 0.5·v1 + g(w1) = (−1.42, 0.8); w2 = w1 − 0.4·v2 = (−4.032, 0.88)
    traj = run(Momentum(eta=0.4, beta=0.5), quadratic.grad, [-5, -2], 2)
    np.testing.assert_allclose(traj, [[-5, -2], [-4.6, 1.2], [-4.032, 0.88]], rtol=0, atol=1e-12)


@pytest.mark.parametrize("eta, beta, lam", [(0.4, 0.5, 0.2), (0.4, 0.9, 4.0), (0.1, 0.0, 1.0)])
def test_momentum_is_a_linear_recurrence_on_a_quadratic(eta, beta, lam):
    """Per C = λw²/2: (w⁽ᵏ⁾, v⁽ᵏ⁾) = M (w⁽ᵏ⁻¹⁾, v⁽ᵏ⁻¹⁾) con M = [[1 − ηλ, −ηβ], [λ, β]]."""
    M = np.array([[1 - eta * lam, -eta * beta], [lam, beta]])
    expected = [(np.linalg.matrix_power(M, k) @ [3.0, 0.0])[0] for k in range(25)]
    traj = run(Momentum(eta, beta), lambda w: lam * w, 3.0, 24)
    np.testing.assert_allclose(traj, expected, rtol=1e-10, atol=1e-12)


def test_momentum_with_beta_zero_is_gd():
    gd = run(GD(0.3), quadratic.grad, [-5, -2], 15)
    np.testing.assert_array_equal(run(Momentum(0.3, beta=0.0), quadratic.grad, [-5, -2], 15), gd)


# --- le forme del momentum: PyTorch, Keras, media mobile, Nesterov ---


def torch_sgd(grad, w0, steps, lr, momentum=0.0, dampening=0.0, nesterov=False):
    """L'algoritmo di ``torch.optim.SGD`` come lo scrive la documentazione di PyTorch (senza weight decay).

    g_t = ∇f(θ_{t−1}); b_t = g_t per t = 1, altrimenti b_t = μ b_{t−1} + (1 − τ) g_t;
    con nesterov g_t ← g_t + μ b_t, altrimenti g_t ← b_t; θ_t = θ_{t−1} − γ g_t.
    """
    theta, buffer = np.asarray(w0, dtype=float), None
    points = [theta]
    for t in range(1, steps + 1):
        g = grad(theta)
        if momentum != 0:
            buffer = g if t == 1 else momentum * buffer + (1 - dampening) * g
            g = g + momentum * buffer if nesterov else buffer
        theta = theta - lr * g
        points.append(theta)
    return np.array(points)


def keras_sgd(grad, w0, steps, learning_rate, momentum, nesterov=False):
    """``keras.optimizers.SGD`` come lo scrive la documentazione di Keras; ``learning_rate`` è uno schedule.

    velocity = momentum · velocity − lr · g; w = w + velocity
    (con nesterov: w = w + momentum · velocity − lr · g). Lo schedule riceve il
    contatore dei passi, che parte da 0.
    """
    w, velocity = np.asarray(w0, dtype=float), 0.0
    points = [w]
    for step in range(steps):
        g, lr = grad(w), learning_rate(step)
        velocity = momentum * velocity - lr * g
        w = w + (momentum * velocity - lr * g if nesterov else velocity)
        points.append(w)
    return np.array(points)


@pytest.mark.parametrize("nesterov", [False, True])
@pytest.mark.parametrize("eta, beta", [(0.4, 0.5), (0.1, 0.9), (0.3, 0.0)])
def test_momentum_is_torch_sgd(eta, beta, nesterov):
    if nesterov and beta == 0:
        return  # PyTorch rifiuta nesterov senza momentum; per noi è la discesa del gradiente
    ours = run(Momentum(eta, beta, nesterov=nesterov), quadratic.grad, quadratic.start, 40)
    theirs = torch_sgd(quadratic.grad, quadratic.start, 40, lr=eta, momentum=beta, nesterov=nesterov)
    np.testing.assert_allclose(ours, theirs, rtol=1e-12, atol=1e-15)


def test_nesterov_with_beta_zero_is_gd():
    gd = run(GD(0.3), quadratic.grad, quadratic.start, 15)
    np.testing.assert_array_equal(run(Momentum(0.3, 0.0, nesterov=True), quadratic.grad, quadratic.start, 15), gd)


def test_nesterov_first_steps_by_hand():
    # g1 = (−1, −8); v1 = g1; w1 = w0 − 0.4·(g1 + 0.5·v1) = (−5, −2) + 0.6·(1, 8) = (−4.4, 2.8)
    traj = run(Momentum(0.4, 0.5, nesterov=True), quadratic.grad, quadratic.start, 1)
    np.testing.assert_allclose(traj[1], [-4.4, 2.8], rtol=0, atol=1e-12)


def test_nesterov_iterates_are_the_look_ahead_points_of_sutskever():
    """Sutskever et al. (2013): u = βu − η∇C(θ + βu), θ = θ + u. PyTorch segue il punto avanzato y = θ + βu."""
    eta, beta = 0.3, 0.8
    theta, u, look_ahead = np.array(quadratic.start, dtype=float), np.zeros(2), []
    for _ in range(30):
        u = beta * u - eta * quadratic.grad(theta + beta * u)
        theta = theta + u
        look_ahead.append(theta + beta * u)
    ours = run(Momentum(eta, beta, nesterov=True), quadratic.grad, quadratic.start, 30)
    np.testing.assert_allclose(ours[1:], look_ahead, rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("nesterov", [False, True])
def test_average_with_eta_over_one_minus_beta_is_the_notes_form(nesterov):
    """v = βv + (1 − β)g con learning rate η/(1 − β): lo stesso cammino di v = βv + g con η."""
    eta, beta = 0.3, 0.8
    notes = run(Momentum(eta, beta, nesterov=nesterov), quadratic.grad, quadratic.start, 60)
    average = run(Momentum(eta / (1 - beta), beta, nesterov=nesterov, average=True), quadratic.grad,
                  quadratic.start, 60)
    np.testing.assert_allclose(average, notes, rtol=1e-12, atol=1e-14)
    first = run(Momentum(eta, beta, average=True), quadratic.grad, quadratic.start, 1)
    np.testing.assert_allclose(first[1], quadratic.start - eta * (1 - beta) * quadratic.grad(np.array(quadratic.start)))


def test_torch_dampening_is_the_average_started_from_the_first_gradient():
    """PyTorch con dampening = β: la media mobile, ma con b⁽¹⁾ = g⁽¹⁾ invece di (1 − β) g⁽¹⁾."""
    from lib.checks.runs import walk

    eta, beta, w0 = 0.5, 0.8, np.array(quadratic.start, dtype=float)
    theirs = torch_sgd(quadratic.grad, w0, 30, lr=eta, momentum=beta, dampening=beta)
    opt = Momentum(eta, beta, average=True)
    # con v⁽⁰⁾ = g⁽¹⁾ la media mobile dà v⁽¹⁾ = β g⁽¹⁾ + (1 − β) g⁽¹⁾ = g⁽¹⁾, come PyTorch
    np.testing.assert_allclose(walk(opt, quadratic.grad, w0, 30, state={"v": quadratic.grad(w0)}), theirs,
                               rtol=1e-12, atol=1e-15)
    assert not np.allclose(run(opt, quadratic.grad, w0, 30), theirs)  # partendo da zero, no


@pytest.mark.parametrize("nesterov", [False, True])
def test_eta_inside_is_keras_sgd_also_with_a_schedule(nesterov):
    schedule = step_decay(0.3, 0.5, 10)
    ours = run(Momentum(schedule, 0.8, nesterov=nesterov, eta_inside=True), quadratic.grad, quadratic.start, 40)
    theirs = keras_sgd(quadratic.grad, quadratic.start, 40, schedule, 0.8, nesterov=nesterov)
    np.testing.assert_allclose(ours, theirs, rtol=1e-12, atol=1e-15)


def test_keras_and_notes_forms_agree_for_constant_eta_and_differ_with_a_schedule():
    same = [run(Momentum(0.3, 0.8, eta_inside=inside), quadratic.grad, quadratic.start, 40) for inside in (False, True)]
    np.testing.assert_allclose(*same, rtol=1e-12, atol=1e-15)
    # C(w) = w, η dimezzato al passo 20: la forma degli appunti dimezza subito il passo, Keras piano piano
    schedule = step_decay(0.1, 0.5, 20)
    notes, keras = (np.diff(-run(Momentum(schedule, 0.9, eta_inside=inside), constant_gradient(1.0), [0.0], 40)[:, 0])
                    for inside in (False, True))
    k = np.arange(40)
    eta = schedule(k)
    # appunti: il k-esimo passo è η_k (1 − βᵏ)/(1 − β); Keras: Σ_j β^{k−j} η_j, la memoria dei vecchi η
    np.testing.assert_allclose(notes, eta * (1 - 0.9 ** (k + 1)) / 0.1, rtol=1e-12)
    np.testing.assert_allclose(keras, [np.sum(0.9 ** (i - k[:i + 1]) * eta[:i + 1]) for i in k], rtol=1e-12)
    assert notes[20] < 0.51 * notes[19] and keras[20] > 0.9 * keras[19]


@pytest.mark.parametrize("name", ["nesterov", "average", "eta_inside"])
def test_momentum_switches_must_be_booleans(name):
    with pytest.raises(ValueError, match=f"{name} deve essere True o False"):
        Momentum(0.1, 0.9, **{name: 1})


# --- Adagrad e RMSProp: con gradiente costante le somme hanno forma chiusa ---


def test_adagrad_with_constant_gradient():
    """s_k = k g², quindi w_n = w_0 − Σ_k η g / (√k |g| + ε)."""
    g, eta, eps = -2.0, 0.1, 1e-3
    k = np.arange(1, 11)
    expected = 1.0 - np.concatenate([[0], np.cumsum(eta * g / (np.sqrt(k) * abs(g) + eps))])
    np.testing.assert_allclose(run(Adagrad(eta, eps), constant_gradient(g), 1.0, 10), expected, rtol=1e-12)


def test_adagrad_gives_rare_coordinates_larger_steps():
    """Un peso il cui gradiente è spesso nullo accumula meno: il suo passo efficace resta più grande."""
    grads = iter([[1.0, 1.0], [1.0, 0.0], [1.0, 0.0], [1.0, 0.0], [1.0, 1.0]])
    traj = run(Adagrad(eta=1.0, eps=1e-12), lambda w: np.array(next(grads)), [0.0, 0.0], 5)
    last_step = traj[-2] - traj[-1]
    np.testing.assert_allclose(last_step, [1 / np.sqrt(5), 1 / np.sqrt(2)], rtol=1e-9)


def test_rmsprop_with_constant_gradient():
    """s_k = (1 − γ^k) g², quindi il passo k vale η g / (√(1 − γ^k) |g| + ε)."""
    g, eta, gamma, eps = 3.0, 0.01, 0.9, 1e-8
    k = np.arange(1, 21)
    steps = eta * g / (np.sqrt(1 - gamma**k) * abs(g) + eps)
    expected = 2.0 - np.concatenate([[0], np.cumsum(steps)])
    traj = run(RMSProp(eta, gamma, eps), constant_gradient(g), 2.0, 20)
    np.testing.assert_allclose(traj, expected, rtol=1e-12)


# --- Adadelta ---


def test_adadelta_first_two_steps_by_hand():
    g, gamma, eps = 2.0, 0.9, 1e-6
    s1 = (1 - gamma) * g**2
    step1 = np.sqrt(eps) / np.sqrt(s1 + eps) * g
    dw1 = (1 - gamma) * step1**2
    s2 = gamma * s1 + (1 - gamma) * g**2
    step2 = np.sqrt(dw1 + eps) / np.sqrt(s2 + eps) * g
    traj = run(Adadelta(gamma, eps), constant_gradient(g), 0.0, 2)
    np.testing.assert_allclose(traj, [0.0, -step1, -step1 - step2], rtol=1e-12)


@pytest.mark.parametrize("eps", [1e-8, 1e-6, 1e-4])
def test_adadelta_first_step_is_set_by_eps(eps):
    """Se (1 − γ) g² ≫ ε il primo passo vale circa √(ε / (1 − γ)), qualunque sia il gradiente."""
    first_step = abs(run(Adadelta(gamma=0.9, eps=eps), quadratic.grad, [-5, -2], 1)[1] - [-5, -2])
    np.testing.assert_allclose(first_step, np.sqrt(eps / 0.1), rtol=1e-2)


# --- Adam ---


@pytest.mark.parametrize("inside, expected_step", [(True, 0.1 * 2 / np.sqrt(4 + 0.5)), (False, 0.1 * 2 / (2 + 0.5))])
def test_adam_with_constant_gradient_is_exactly_bias_corrected(inside, expected_step):
    """Con gradiente costante g la correzione del bias dà v̂ = g e ŝ = g² a ogni passo."""
    traj = run(Adam(eta=0.1, eps=0.5, eps_inside_sqrt=inside), constant_gradient(2.0), 0.0, 10)
    np.testing.assert_allclose(np.diff(traj), -expected_step, rtol=1e-12)


def test_adam_first_step_by_hand():
    # v1 = (1 − β1) g, s1 = (1 − β2) g²: corretti valgono g e g²; il passo è η g / √(g² + ε)
    g = quadratic.grad(np.array([-5.0, -2.0]))
    step = run(Adam(eta=0.1), quadratic.grad, [-5, -2], 1)[1] - [-5, -2]
    np.testing.assert_allclose(step, -0.1 * g / np.sqrt(g**2 + 1e-8), rtol=1e-12)


def test_adam_eps_forms_differ_only_slightly_for_small_eps():
    inside = run(Adam(eta=0.1), quadratic.grad, [-5, -2], 50)
    outside = run(Adam(eta=0.1, eps_inside_sqrt=False), quadratic.grad, [-5, -2], 50)
    assert not np.array_equal(inside, outside)
    np.testing.assert_allclose(inside, outside, atol=1e-4)



# --- le varianti di Adam contro l'algoritmo documentato di PyTorch, riscritto qui ---------------
# torch.optim.Adam / AdamW (documentazione e codice): m e v sono le medie, t conta da 1,
#   g ← g + λθ                        (solo Adam con weight_decay: la penalità L2)
#   θ ← θ − γλθ                       (solo AdamW: il decadimento disaccoppiato)
#   m ← β₁m + (1 − β₁)g,  v ← β₂v + (1 − β₂)g²
#   v_max ← max(v_max, v)             (solo amsgrad; il massimo delle medie *non* corrette)
#   θ ← θ − γ (m/(1 − β₁ᵗ)) / (√(v o v_max)/√(1 − β₂ᵗ) + ε)


def torch_adam(grad, theta, steps, lr, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0,
               amsgrad=False, decoupled=False):
    theta = np.array(theta, dtype=np.float64)
    m = np.zeros_like(theta)
    v = np.zeros_like(theta)
    v_max = np.zeros_like(theta)
    points = [theta.copy()]
    for t in range(1, steps + 1):
        g = grad(theta)
        if decoupled:
            theta = theta * (1 - lr * weight_decay)
        elif weight_decay:
            g = g + weight_decay * points[-1]
        m = betas[0] * m + (1 - betas[0]) * g
        v = betas[1] * v + (1 - betas[1]) * g**2
        second = v
        if amsgrad:
            v_max = np.maximum(v_max, v)
            second = v_max
        denom = np.sqrt(second) / np.sqrt(1 - betas[1] ** t) + eps
        theta = theta - lr * (m / (1 - betas[0] ** t)) / denom
        points.append(theta.copy())
    return np.array(points)


def bumpy_gradient(w):
    """Un gradiente che cresce e cala lungo il cammino: AMSGrad e Adam si separano."""
    return np.array([0.2, 4.0]) * w + 3 * np.sin(3 * w)


@pytest.mark.parametrize("options", [
    {}, {"amsgrad": True}, {"weight_decay": 0.1}, {"amsgrad": True, "weight_decay": 0.05},
])
def test_adam_variants_match_pytorch(options):
    ours = run(Adam(eta=0.05, eps=1e-3, eps_inside_sqrt=False, **options), bumpy_gradient, [-5, -2], 60)
    theirs = torch_adam(bumpy_gradient, [-5, -2], 60, lr=0.05, eps=1e-3, **options)
    np.testing.assert_allclose(ours, theirs, rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize("amsgrad", [False, True])
def test_adamw_matches_pytorch(amsgrad):
    ours = run(AdamW(eta=0.05, eps=1e-3, eps_inside_sqrt=False, weight_decay=0.2, amsgrad=amsgrad),
               bumpy_gradient, [-5, -2], 60)
    theirs = torch_adam(bumpy_gradient, [-5, -2], 60, lr=0.05, eps=1e-3, weight_decay=0.2, amsgrad=amsgrad,
                        decoupled=True)
    np.testing.assert_allclose(ours, theirs, rtol=1e-12, atol=1e-14)


def test_amsgrad_really_differs_and_keeps_the_maximum():
    plain = run(Adam(eta=0.05), bumpy_gradient, [-5, -2], 60)
    assert not np.allclose(plain, run(Adam(eta=0.05, amsgrad=True), bumpy_gradient, [-5, -2], 60))
    opt = Adam(eta=0.05, amsgrad=True)
    state = opt.init(np.zeros(1))
    assert set(state) == {"v", "s", "s_max"}
    for g in (3.0, 0.0, 0.0):
        _, state = opt.step(np.zeros(1), np.array([g]), state, 0)
    # s è la media di sempre, s_max il suo massimo: dopo due gradienti nulli restano diversi
    assert state["s_max"][0] == pytest.approx(0.001 * 9) and state["s"][0] < state["s_max"][0]


def test_adamw_decay_is_exactly_geometric_without_gradient():
    """Con gradiente nullo i momenti restano zero e AdamW moltiplica w per 1 − ηλ a ogni passo."""
    traj = run(AdamW(eta=0.1, weight_decay=0.5), lambda w: np.zeros_like(w), 2.0, 10)
    np.testing.assert_allclose(traj, 2.0 * 0.95 ** np.arange(11), rtol=1e-14)


def test_l2_in_adam_is_the_gradient_of_the_penalty():
    """Adam(weight_decay=λ) su C è Adam senza decadimento su C + λ‖w‖²/2."""
    with_l2 = run(Adam(eta=0.05, weight_decay=0.3), bumpy_gradient, [-5, -2], 40)
    by_hand = run(Adam(eta=0.05), lambda w: bumpy_gradient(w) + 0.3 * w, [-5, -2], 40)
    np.testing.assert_allclose(with_l2, by_hand, rtol=1e-13)


def test_weight_decay_zero_is_plain_adam():
    plain = run(Adam(eta=0.05), quadratic.grad, [-5, -2], 30)
    np.testing.assert_array_equal(run(Adam(eta=0.05, weight_decay=0.0), quadratic.grad, [-5, -2], 30), plain)
    np.testing.assert_array_equal(run(AdamW(eta=0.05, weight_decay=0.0), quadratic.grad, [-5, -2], 30), plain)


@pytest.mark.parametrize("make, name, allowed", [
    (lambda: Adam(amsgrad=1), "amsgrad", "True o False"),
    (lambda: Adam(weight_decay=-0.1), "weight_decay", "≥ 0"),
    (lambda: AdamW(weight_decay=float("inf")), "weight_decay", "≥ 0"),
    (lambda: AdamW(beta2=1.0), "beta2", "[0, 1)"),
])
def test_bad_adam_options_are_explained_in_italian(make, name, allowed):
    with pytest.raises(ValueError) as error:
        make()
    message = str(error.value)
    assert message.startswith(f"{name} deve essere") and allowed in message and "ricevuto" in message

# --- proprietà comuni ---

ALL_OPTIMIZERS = [
    GD(0.3), Momentum(0.1, 0.9), Adagrad(0.5), RMSProp(0.05), Adadelta(), Adam(0.1),
    Adam(0.1, amsgrad=True), AdamW(0.1),
]


@pytest.mark.parametrize("opt", ALL_OPTIMIZERS, ids=lambda o: type(o).__name__)
def test_fresh_state_on_every_run(opt):
    first = run(opt, quadratic.grad, [-5, -2], 30)
    run(opt, quadratic.grad, [3, 1], 30)  # un altro run in mezzo non lascia tracce
    np.testing.assert_array_equal(run(opt, quadratic.grad, [-5, -2], 30), first)


@pytest.mark.parametrize("opt", ALL_OPTIMIZERS, ids=lambda o: type(o).__name__)
def test_every_optimizer_decreases_the_quadratic(opt):
    traj = run(opt, quadratic.grad, [-5, -2], 200)
    assert traj.dtype == np.float64 and traj.shape == (201, 2)
    assert quadratic(traj[-1]) < quadratic(traj[0])


@pytest.mark.parametrize("cls", [GD, Momentum, Adagrad, RMSProp, Adam, AdamW])
def test_every_eta_accepts_a_schedule(cls):
    """Uno schedule costante deve dare esattamente la traiettoria del numero."""
    fixed = run(cls(eta=0.05), quadratic.grad, [-5, -2], 10)
    scheduled = run(cls(eta=lambda k: 0.05), quadratic.grad, [-5, -2], 10)
    np.testing.assert_array_equal(scheduled, fixed)
