"""The curriculum data covers the roadmap text, and invents nothing.

The phrases below were copied by hand from ``roadmap_text.txt``, independently of ``roadmap.toml``:
each test checks the data against this list, and the list against the text, so a topic dropped
from the data, a phrase mistyped in either place or a topic made up in the data all fail here.
"""

from __future__ import annotations

from collections import Counter

import pytest

from aieng.roadmap import Roadmap, load, load_text

# ── Area sub-headings → the items the text lists under them ─────────────────────────────────────
# Keyed by (area id, sub-heading); the count comment is what the text lists.

AREA_GROUPS: dict[tuple[str, str], tuple[str, ...]] = {
    # 1. Understanding AI Engineering: five responsibilities, then the two roles it differs from.
    ("ai-engineering", "What AI Engineering Really Means"): (
        "Translating business problems into AI solutions",
        "Designing data pipelines",
        "Training and evaluating models",
        "Deploying models into real systems",
        "Monitoring performance over time",
        "Data Scientists (focus on analysis and experiments)",
        "Researchers (focus on theory and innovation)",
    ),
    ("ai-engineering", "Core AI Categories Explained"): (
        "Artificial Intelligence: The umbrella concept of machine intelligence",
        "Machine Learning: Algorithms that learn patterns from data",
        "Deep Learning: Neural networks that learn complex representations",
        "NLP: Machines understanding human language",
        "Computer Vision: Machines interpreting images and video",
    ),
    # 2. Programming Fundamentals
    ("programming", "Core Programming Skills Required"): (
        "Control flow (loops, conditions)",
        "Functions and modular design",
        "Object-Oriented Programming (classes, inheritance)",
        "Error handling and debugging",
        "File handling and APIs",
    ),
    ("programming", "AI-Critical Libraries"): (
        "NumPy",
        "Pandas",
        "Matplotlib / Seaborn",
        "Requests / FastAPI",
    ),
    # 3. Mathematics for AI Engineers
    ("math", "Linear Algebra"): (
        "Vectors and matrices",
        "Matrix multiplication",
        "Eigenvalues (intuition)",
    ),
    ("math", "Probability & Statistics"): (
        "Random variables",
        "Distributions",
        "Bayesian thinking",
    ),
    ("math", "Calculus"): (
        "Partial derivatives",
        "Gradient descent intuition",
    ),
    # 4. Data Handling & Feature Engineering
    ("data", "Data Cleaning"): (
        "Handle missing values",
        "Remove duplicates",
        "Correct inconsistent formats",
        "Detect outliers",
    ),
    ("data", "Feature Engineering"): (
        "Transform raw data into meaningful inputs",
        "Encode categories",
        "Normalize numerical values",
        "Create domain-specific features",
    ),
    ("data", "Exploratory Data Analysis (EDA)"): (
        "Understand distributions",
        "Detect bias",
        "Identify correlations",
    ),
    # 5. Machine Learning Algorithms
    ("ml", "Supervised Learning"): (
        "Regression → predictions",
        "Classification → decisions",
        "Linear/Logistic Regression",
        "Decision Trees",
        "Random Forest",
        "Gradient Boosting",
    ),
    ("ml", "Unsupervised Learning"): (
        "Clustering",
        "Dimensionality reduction",
        "K-Means",
        "PCA",
    ),
    ("ml", "Model Evaluation"): (
        "Accuracy vs precision vs recall",
        "Overfitting vs underfitting",
        "Cross-validation",
    ),
    # 6. Deep Learning & Neural Networks
    ("deep-learning", "Neural Network Basics"): (
        "Layers",
        "Weights",
        "Activation functions",
        "Loss functions",
    ),
    ("deep-learning", "Architectures"): ("CNNs", "RNNs", "Transformers"),
    ("deep-learning", "Frameworks"): (
        "PyTorch (research & production)",
        "TensorFlow (enterprise systems)",
    ),
    # 7. Specialization Areas: the four specializations (NLP as month 8 spells it out), then
    # each one's three examples.
    ("specializations", "Specialization Areas"): (
        "Natural Language Processing (NLP)",
        "Computer Vision",
        "Reinforcement Learning",
        "Generative AI",
    ),
    ("specializations", "NLP"): ("Chatbots", "Search engines", "Text analysis"),
    ("specializations", "Computer Vision"): (
        "Facial recognition",
        "Medical imaging",
        "Surveillance systems",
    ),
    ("specializations", "Reinforcement Learning"): (
        "Robotics",
        "Game AI",
        "Autonomous control",
    ),
    ("specializations", "Generative AI"): (
        "Text generation",
        "Image synthesis",
        "Audio generation",
    ),
    # 8. MLOps & Deployment
    ("mlops", "Deployment Skills"): (
        "REST APIs",
        "Containerization",
        "Cloud services",
        "CI/CD pipelines",
    ),
    ("mlops", "Monitoring"): (
        "Performance decay",
        "Data drift",
        "Retraining schedules",
    ),
    # 9. AI Ethics, Security & Governance
    ("ethics", "Core Principles"): (
        "Fairness",
        "Transparency",
        "Privacy",
        "Accountability",
    ),
    # 10. Portfolio, Projects & Career Execution
    ("portfolio", "Required Projects"): (
        "End-to-end ML system",
        "Deployed AI application",
        "Real dataset with business logic",
    ),
    ("portfolio", "Career Readiness"): (
        "GitHub repositories",
        "System design interviews",
        "Continuous learning mindset",
    ),
}

# ── The skills each month names (its bullets, or the list in its paragraph), in order ──────────

MONTH_SKILLS: dict[str, tuple[str, ...]] = {
    "m01": (
        "Python fundamentals and object-oriented programming",
        "Git and GitHub version control",
        "Basic Linux command-line operations",
    ),
    "m02": (
        "Exploratory Data Analysis (EDA)",
        "Data visualization",
        "Basic probability and statistics",
    ),
    "m03": ("linear algebra", "probability", "optimization techniques"),
    "m04": (
        "Linear and logistic regression",
        "Decision trees and ensemble methods",
        "Model evaluation metrics",
    ),
    "m05": ("segmentation", "anomaly detection"),
    "m06": ("data ingestion", "training", "validation", "model storage", "experiment tracking"),
    "m07": ("neural network architectures", "training strategies"),
    "m08": ("Natural Language Processing (NLP)", "Computer Vision", "Generative AI"),
    "m09": ("fine-tuning", "regularization", "transfer learning"),
    "m10": ("APIs", "containers", "cloud basics"),
    "m11": ("automation", "monitoring", "retraining strategies"),
    "m12": ("system design", "ethical AI", "interview readiness"),
}

MONTH_TITLES: dict[str, str] = {
    "m01": "Programming Fundamentals and AI Mindset",
    "m02": "Data Analysis and Statistics",
    "m03": "Mathematics for Machine Learning",
    "m04": "Supervised Machine Learning",
    "m05": "Unsupervised Learning",
    "m06": "End-to-End Machine Learning Pipeline",
    "m07": "Neural Networks and Deep Learning",
    "m08": "Specialization Track",
    "m09": "Model Optimization",
    "m10": "Model Deployment",
    "m11": "MLOps and Monitoring",
    "m12": "Capstone Project and Career Readiness",
}

PHASE_TITLES: dict[str, str] = {
    "p1": "Foundations of AI Engineering",
    "p2": "Core Machine Learning",
    "p3": "Deep Learning and Specialization",
    "p4": "MLOps and Production Deployment",
}

AREA_IDS: tuple[str, ...] = (
    "ai-engineering",
    "programming",
    "math",
    "data",
    "ml",
    "deep-learning",
    "specializations",
    "mlops",
    "ethics",
    "portfolio",
)

# How many items the text lists under the headings the roadmap is judged by.
STATED_COUNTS: dict[tuple[str, str], int] = {
    ("data", "Data Cleaning"): 4,
    ("data", "Feature Engineering"): 4,
    ("data", "Exploratory Data Analysis (EDA)"): 3,
    ("ml", "Model Evaluation"): 3,
    ("deep-learning", "Architectures"): 3,
    ("specializations", "Specialization Areas"): 4,
    ("specializations", "NLP"): 3,
    ("specializations", "Computer Vision"): 3,
    ("specializations", "Reinforcement Learning"): 3,
    ("specializations", "Generative AI"): 3,
    ("mlops", "Deployment Skills"): 4,
    ("mlops", "Monitoring"): 3,
    ("ethics", "Core Principles"): 4,
    ("portfolio", "Required Projects"): 3,
}

PHRASES: tuple[str, ...] = tuple(
    dict.fromkeys(  # ordered and without repeats: month 8 repeats three specializations
        [p for group in AREA_GROUPS.values() for p in group]
        + [p for skills in MONTH_SKILLS.values() for p in skills]
    )
)


@pytest.fixture(scope="module")
def roadmap() -> Roadmap:
    return load()


@pytest.fixture(scope="module")
def text() -> str:
    return load_text()


def _sources(roadmap: Roadmap) -> Counter[str]:
    return Counter(t.source for t in roadmap.topics)


# (a) the hand-made list is faithful to the text


@pytest.mark.parametrize("phrase", PHRASES)
def test_phrase_occurs_verbatim_in_the_text(phrase: str, text: str) -> None:
    assert phrase in text, f"{phrase!r} is not in roadmap_text.txt (typo in this list?)"


# (b) the data covers the text


@pytest.mark.parametrize("phrase", PHRASES)
def test_phrase_is_the_source_of_a_topic(phrase: str, roadmap: Roadmap) -> None:
    assert phrase in _sources(roadmap), f"no topic has source {phrase!r}"


# (c) the data invents nothing


def test_every_topic_source_occurs_in_the_text(roadmap: Roadmap, text: str) -> None:
    invented = [t.id for t in roadmap.topics if t.source not in text]
    assert not invented, f"topics whose source is not in the text: {invented}"


def test_every_topic_source_is_a_listed_phrase_and_used_once(roadmap: Roadmap) -> None:
    sources = _sources(roadmap)
    unlisted = sorted(set(sources) - set(PHRASES))
    twice = sorted(s for s, n in sources.items() if n > 1)
    assert not unlisted, f"topic sources missing from this test's list: {unlisted}"
    assert not twice, f"phrases that are the source of several topics: {twice}"


# (d) the plan's shape


def test_four_phases_with_the_text_titles(roadmap: Roadmap, text: str) -> None:
    assert {p.id: p.title for p in roadmap.phases} == PHASE_TITLES
    for n, title in enumerate(PHASE_TITLES.values(), start=1):
        assert f"Phase {n}: {title} (Months" in text


def test_twelve_months_with_the_text_titles(roadmap: Roadmap, text: str) -> None:
    assert {m.id: m.title for m in roadmap.months} == MONTH_TITLES
    assert [m.id for m in roadmap.months] == sorted(MONTH_TITLES)
    for m in roadmap.months:
        assert f"Month {m.number}: {m.title}\n" in text


def test_month_goals_and_projects_are_the_texts(roadmap: Roadmap, text: str) -> None:
    for m in roadmap.months:
        # The whole paragraph, from the start of its line to its end (month 8's ends in ":").
        paragraph = m.goal.rstrip(".")
        assert f"\n{paragraph}.\n" in text or f"\n{paragraph}:\n" in text, f"{m.id} goal"
        label = "Capstone" if m.id == "m12" else "Project"
        assert f"{label}: {m.project}\n" in text, f"{m.id} project is not the text's line"


def test_ten_areas_with_the_text_titles_and_claims(roadmap: Roadmap, text: str) -> None:
    assert [a.id for a in roadmap.areas] == list(AREA_IDS)
    assert [a.number for a in roadmap.areas] == list(range(1, 11))
    for a in roadmap.areas:
        heading = f"{a.number}. {a.title} ({a.tagline})" if a.tagline else f"{a.number}. {a.title}"
        assert f"{heading}\n" in text, f"area {a.id}: {heading!r} is not a heading of the text"
        assert f"\n{a.summary}" in text, f"area {a.id}: summary is not a line of the text"
        assert a.summary.endswith("."), f"area {a.id}: summary is not a whole sentence"


def test_outcomes_are_the_four_final_outcomes(roadmap: Roadmap, text: str) -> None:
    section = text.split("Final Outcomes After 12 Months\n", 1)[1].split("Conclusion\n", 1)[0]
    stated = [line.removeprefix("- ") for line in section.splitlines() if line.startswith("- ")]
    assert len(stated) == 4
    assert list(roadmap.outcomes) == stated


# (e) the items the text names under each heading, counted


@pytest.mark.parametrize(("key", "phrases"), AREA_GROUPS.items(), ids=lambda v: str(v))
def test_area_group_holds_exactly_the_texts_items(
    key: tuple[str, str], phrases: tuple[str, ...], roadmap: Roadmap
) -> None:
    area, group = key
    found = sorted(t.source for t in roadmap.topics if (t.area, t.group) == key)
    assert found == sorted(phrases), f"{area} / {group}"


@pytest.mark.parametrize(("key", "count"), STATED_COUNTS.items(), ids=lambda v: str(v))
def test_group_has_the_number_of_items_the_text_lists(
    key: tuple[str, str], count: int, roadmap: Roadmap
) -> None:
    assert len(AREA_GROUPS[key]) == count  # the hand-made list itself
    assert sum(1 for t in roadmap.topics if (t.area, t.group) == key) == count


@pytest.mark.parametrize(("month_id", "phrases"), MONTH_SKILLS.items())
def test_month_skills_are_the_texts_list(
    month_id: str, phrases: tuple[str, ...], roadmap: Roadmap
) -> None:
    by_id = {t.id: t for t in roadmap.topics}
    skills = roadmap.month(month_id).skills
    assert tuple(by_id[s].source for s in skills) == phrases


def test_topics_are_in_teaching_order(roadmap: Roadmap) -> None:
    months = [t.month for t in roadmap.topics]
    assert months == sorted(months), "topics must be ordered by month: `aieng next` walks them"


def test_every_area_and_month_has_topics(roadmap: Roadmap) -> None:
    assert {t.area for t in roadmap.topics} == set(AREA_IDS)
    assert {t.month for t in roadmap.topics} == set(MONTH_TITLES)
