# syntax=docker/dockerfile:1
# Build, test and publish in the SDK image; run as a non-root user in the runtime image.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet restore Bot.sln
RUN dotnet build Bot.sln -c Release --no-restore

FROM build AS test
RUN dotnet test Bot.sln -c Release --no-build

FROM build AS publish
RUN dotnet publish src/Webcare.Bot/Webcare.Bot.csproj -c Release --no-build -o /app

# The local listener (health checks, webhooks, Slack HTTP mode) needs the ASP.NET Core runtime.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=publish /app .
RUN mkdir -p /app/data && chown -R app:app /app/data
USER app
# The SQLite database (and digests) live here; mount a volume to keep them.
VOLUME ["/app/data"]
ENV DOTNET_ENVIRONMENT=Production \
    Webcare__Storage__Path=data/webcare.db \
    Webcare__Http__Enabled=true \
    Webcare__Http__Url=http://0.0.0.0:8080
# Secrets only via the environment, e.g.: docker run -e Webcare__Slack__BotToken=xoxb-… -e Webcare__Slack__AppToken=xapp-…
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s CMD ["dotnet", "webcare.dll", "health"]
ENTRYPOINT ["dotnet", "webcare.dll"]
CMD ["run"]
