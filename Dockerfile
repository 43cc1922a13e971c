# TraceReplay in a container: `docker build -t tracereplay:0.1.0 .`, then
#   docker run --rm -v "$PWD:/work" tracereplay:0.1.0 replay --requests traces/azure-2023/AzureLLMInferenceTrace_conv.csv \
#       --model qwen3-30b-a3b --gpu h100 --tp 2 -o out/demo
# docs/deploy.md runs sweep shards with it (Kubernetes Indexed Job, Slurm job array).

# Build stage: the .NET SDK publishes the CLI (framework-dependent, calibrations and model configs embedded).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/TraceReplay.Cli -c Release -o /app -nologo

# Runtime stage: the .NET runtime and the published files only (no SDK, no sources).
FROM mcr.microsoft.com/dotnet/runtime:10.0 AS runtime
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
COPY --from=build /app /app
# `tracereplay` on PATH, so that both `docker run IMAGE sweep ...` and a Kubernetes `command: ["tracereplay", ...]` work.
RUN printf '#!/bin/sh\nexec dotnet /app/tracereplay.dll "$@"\n' > /usr/local/bin/tracereplay && chmod 755 /usr/local/bin/tracereplay
# Outputs go to the mounted working folder; run as an unprivileged user (the image's `app` user, uid 1654).
WORKDIR /work
USER app
ENTRYPOINT ["tracereplay"]
CMD ["--help"]
