# A minimal image of both binaries: `docker build --build-arg VERSION=v1.2.3 .` then
# `docker run --rm -v "$PWD:/work" -w /work IMAGE lint .`. distroless/static has no shell
# and no libc (the binaries are static, CGO_ENABLED=0) but carries the CA certificates
# sagectl-aws needs for HTTPS to AWS, which FROM scratch lacks.
FROM golang:1.26 AS build
ARG VERSION=dev
ARG COMMIT=unknown
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath \
      -ldflags "-s -w -X github.com/sagectl/sagectl/internal/lintcmd.Version=${VERSION} -X github.com/sagectl/sagectl/internal/lintcmd.Commit=${COMMIT}" \
      -o /out/ ./cmd/sagectl ./cmd/sagectl-aws

FROM gcr.io/distroless/static-debian12:nonroot
# sagectl finds sagectl-aws next to itself for plan, apply, import and emulator.
COPY --from=build /out/sagectl /out/sagectl-aws /usr/local/bin/
ENTRYPOINT ["/usr/local/bin/sagectl"]
