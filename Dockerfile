# One image with both hosts; docker-compose.yml picks which one a container runs.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /source
COPY . .
RUN dotnet publish src/PingActors.Silo -c Release -o /app/silo \
 && dotnet publish src/PingActors.Api -c Release -o /app/api

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
USER $APP_UID
ENTRYPOINT ["dotnet"]
