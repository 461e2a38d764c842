#!/usr/bin/env bash
# Serves Carnet; with a broker configured (REDIS_URL) a Celery worker and beat run beside it.
set -euo pipefail
HOST=${1:-127.0.0.1}
PORT=${2:-8000}
VENV=${VENV:-.venv}
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT INT TERM
if [ -n "${REDIS_URL:-}" ]; then
  "$VENV/bin/celery" -A config worker -Q default,ocr -l warning --concurrency=2 &
  pids+=($!)
  "$VENV/bin/celery" -A config beat -l warning --schedule "${TMPDIR:-/tmp}/carnet-celerybeat" &
  pids+=($!)
  echo "Celery worker and beat started (broker $REDIS_URL)."
else
  echo "No REDIS_URL: tasks run in-process."
fi
cat <<MSG

  Carnet is running at http://$HOST:$PORT/
  Staff sign in at http://$HOST:$PORT/accounts/login/ , customers at http://$HOST:$PORT/portal/login/
  Demo accounts (password: carnet-demo): admin@demo.example, manager@demo.example, rep@demo.example,
  desk@demo.example, logistics@demo.example, accounting@demo.example, admin@demo2.example;
  portal: buyer@customer.example

MSG
"$VENV/bin/python" manage.py runserver "$HOST:$PORT" --noreload
