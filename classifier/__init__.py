"""Label what each sentence of a news article does: claim, denial, diplomatic_statement
or background.

    from classifier import load_model
    model = load_model("models/default")
    model.annotate(text)        # sentence records with offsets, label and confidence
    model.predict(["..."])      # labels
"""

__version__ = "0.1.0"

from classifier.annotate import Model, load_model  # noqa: E402  (cheap: no heavy imports)
from classifier.labels import LABELS  # noqa: E402

__all__ = ["LABELS", "Model", "load_model", "__version__"]
