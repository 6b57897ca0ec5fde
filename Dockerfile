# The New Unity website: one image for the web processes and the task worker.
#   docker build -t newunity .
# Stage 1 installs the Python packages into a virtual environment; stage 2
# copies only that environment and the project, and runs as an unprivileged user.

FROM python:3.11-slim-bookworm AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
RUN python -m venv /venv
COPY requirements.txt /tmp/requirements.txt
RUN /venv/bin/pip install --requirement /tmp/requirements.txt


FROM python:3.11-slim-bookworm
ENV PATH=/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=newunity.settings.production
# Pillow's and psycopg[binary]'s wheels bring their own libraries: nothing to
# install from Debian.
RUN groupadd --system newunity \
    && useradd --system --gid newunity --home-dir /app --shell /usr/sbin/nologin newunity
COPY --from=build /venv /venv
WORKDIR /app
# The code belongs to root: the site's user can read it, not change it.
COPY . /app
# Static files are collected (hashed and compressed) into the image. The
# settings demand a key and host names; these build-time ones never serve.
RUN SECRET_KEY=collectstatic-only ALLOWED_HOSTS=localhost \
    python manage.py collectstatic --noinput -v0
USER newunity
EXPOSE 8000
# /healthz answers 200 when the database does (base/healthcheck.py).
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-m", "base.healthcheck"]
CMD ["gunicorn", "newunity.wsgi", "--config", "gunicorn.conf.py"]
