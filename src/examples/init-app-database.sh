#!/bin/sh
# Creates the sample application database "app" (users, chats, chat_messages, posts, sessions, orders, albums,
# photos, page_views) with some data.
set -e
psql -v ON_ERROR_STOP=1 -U "$POSTGRES_USER" -d postgres -c "create database app"
psql -v ON_ERROR_STOP=1 -U "$POSTGRES_USER" -d app -f /lethe-demo/app-schema.sql
psql -v ON_ERROR_STOP=1 -U "$POSTGRES_USER" -d app -f /lethe-demo/sample-data.sql
