# Trachea Gateway container, kept minimal and conventional (docs/operations.md, "Docker"). Build: docker build -t trachea-gateway .

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/AuthEndpoints/AuthEndpoints.csproj src/AuthEndpoints/
COPY src/Gateway/Gateway.csproj src/Gateway/
RUN dotnet restore src/Gateway/Gateway.csproj
COPY src/ src/
RUN dotnet publish src/Gateway/Gateway.csproj --configuration Release --no-restore --output /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
# The embedded SQLite store lives in /data; mount a volume there to keep users across containers.
RUN mkdir /data && chown "$APP_UID" /data
COPY --from=build /app ./
ENV ASPNETCORE_URLS=http://+:8080 \
    TRACHEA_DATA_DIR=/data
VOLUME /data
EXPOSE 8080
# The image's built-in non-root user.
USER $APP_UID
# The runtime image has no curl: the gateway binary probes its own /healthz.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["dotnet", "Trachea.Gateway.dll", "healthcheck", "http://127.0.0.1:8080/healthz"]
ENTRYPOINT ["dotnet", "Trachea.Gateway.dll"]
