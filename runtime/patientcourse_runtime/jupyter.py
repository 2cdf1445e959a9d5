"""A Jupyter server extension: an opened chapter notebook does not show as changed.

JupyterLab and Notebook 7 write the running kernel's name and language, Python version
included, into a notebook's metadata as soon as its kernel starts. When that differs from what
the file says, the notebook shows as modified before the learner has touched it, and closing
it asks to save changes nobody made. The Python version differs from machine to machine, so
the file cannot say it in advance. This extension fills in, as the notebook is read, the
kernel and language this server starts for it, so opening it changes nothing.

Only notebooks made by patientcourse (metadata ``patientcourse``) are touched, and only what
is sent to the browser: the file on disk changes when the learner saves, as it would anyway.
Installed with the runtime and enabled by ``jupyter-config/patientcourse_runtime.json``
(copied to ``etc/jupyter/jupyter_server_config.d``). Imported only by a Jupyter server.
"""
from __future__ import annotations

import inspect
from functools import lru_cache


@lru_cache(maxsize=1)
def kernel_language_info() -> dict | None:
    """What ipykernel's kernel reports about its language (None without ipykernel)."""
    try:
        from ipykernel.ipkernel import IPythonKernel
    except ImportError:
        return None
    return dict(IPythonKernel.language_info)


def as_the_kernel_will_say(notebook: dict, kernelspecs) -> None:
    metadata = notebook.get("metadata", {})
    if "patientcourse" not in metadata:
        return
    name = metadata.get("kernelspec", {}).get("name", "python3")
    try:
        spec = kernelspecs.get_kernel_spec(name)
    except Exception:  # no such kernel here: JupyterLab will ask the learner to pick one
        return
    metadata["kernelspec"] = {"name": name, "display_name": spec.display_name, "language": spec.language}
    info = kernel_language_info()
    if info is not None and spec.language == info.get("name"):
        metadata["language_info"] = info


def _load_jupyter_server_extension(serverapp) -> None:
    contents = serverapp.contents_manager
    read = contents.get

    async def get(path, content=True, type=None, format=None, **kwargs):
        model = read(path, content=content, type=type, format=format, **kwargs)
        if inspect.isawaitable(model):
            model = await model
        if content and model.get("type") == "notebook" and isinstance(model.get("content"), dict):
            as_the_kernel_will_say(model["content"], serverapp.kernel_spec_manager)
        return model

    contents.get = get


def _jupyter_server_extension_points() -> list[dict]:
    return [{"module": "patientcourse_runtime.jupyter"}]
