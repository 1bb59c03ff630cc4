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
ENTRYPOINT ["java", "-jar", "/opt/wirewatch/wirewatch.jar"]
CMD ["run"]
