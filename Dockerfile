# One image for every wirewatch stage; docker-compose.yml picks the stage with `run --stage`.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -Dmaven.test.skip=true -pl app -am package

FROM eclipse-temurin:17-jre
RUN useradd --system --home /var/lib/wirewatch wirewatch && mkdir -p /var/lib/wirewatch && chown wirewatch /var/lib/wirewatch
COPY --from=build /src/app/target/wirewatch.jar /opt/wirewatch/wirewatch.jar
USER wirewatch
WORKDIR /var/lib/wirewatch
ENV WIREWATCH_DATA_DIR=/var/lib/wirewatch
# The image has no curl: `wirewatch health` asks the process's own /health/ready (http.host:http.port, 127.0.0.1:8080
# by default) and exits 0 when it answers 200. A short-lived JVM: small heap, no optimising compiler.
HEALTHCHECK --interval=15s --timeout=10s --start-period=120s --retries=4 \
  CMD ["java", "-XX:TieredStopAtLevel=1", "-Xmx64m", "-jar", "/opt/wirewatch/wirewatch.jar", "health"]
ENTRYPOINT ["java", "-jar", "/opt/wirewatch/wirewatch.jar"]
CMD ["run"]
