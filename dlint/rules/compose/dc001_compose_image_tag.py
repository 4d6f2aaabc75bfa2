"""DC001: a service image without an explicit tag or with a floating one."""


from dlint.engine.rule import Rule
from dlint.knowledge.base_images import FLOATING_TAGS, image_tag
from dlint.knowledge.compose_images import split_reference
from dlint.models.base import Model, field
from dlint.models.finding import Severity, Violation
from dlint.views.compose.values import text_of

#: ``pull_policy`` values under which Compose never pulls the image, it builds it
#: (Compose Specification, services.pull_policy)
_BUILD_POLICIES = frozenset({"never", "build"})


#: Docker Official Images (Docker Hub's ``library/`` namespace, from
#: github.com/docker-library/official-images ``library/``), with deprecated ones Docker Hub
#: still serves: a one-word image name outside this list is served by no registry
OFFICIAL_IMAGES = frozenset("""
    adminer aerospike almalinux alpine alt amazoncorretto amazonlinux api-firewall arangodb archlinux
    backdrop bash bonita buildpack-deps busybox caddy cassandra celery centos chronograf cirros
    clearlinux clefos clickhouse clojure composer consul convertigo couchbase couchdb crate dart debian
    django docker drupal eclipse-mosquitto eclipse-temurin eggdrop elasticsearch elixir emqx erlang
    fedora flink fluentd friendica gazebo gcc geonetwork ghost golang gradle groovy haproxy haskell haxe
    hello-world hitch httpd hylang ibm-semeru-runtimes ibmjava influxdb irssi java jenkins jetty joomla
    jruby julia kapacitor kibana kong krakend lightstreamer liquibase logstash mageia mariadb matomo
    maven mediawiki memcached mongo mongo-express monica mono mysql nats neo4j neurodebian nextcloud
    nginx node notary nuxeo odoo open-liberty openjdk opensuse oraclelinux orientdb owncloud percona
    perl photon php php-zendserver phpmyadmin plone postfixadmin postgres pypy python r-base rabbitmq
    rails rakudo-star redis redmine registry rethinkdb rocket.chat rockylinux ros ruby rust sapmachine
    satosa sentry silverpeas sl solr sonarqube spark spiped storm swift swipl teamspeak telegraf tomcat
    tomee traefik ubuntu unit varnish vault websphere-liberty wordpress xwiki yourls znc zookeeper
""".split())


def _built_here(ctx, service, reference: str, tag: str | None, floating: set[str]) -> bool:
    """The service builds the image it names: ``build`` with a ``pull_policy`` that never
    pulls, or (pulled only when missing) a one-word name that no registry serves (not a
    Docker Official Image) with no tag or a floating one: Compose tries to pull it, fails
    and builds it (compose ``pullRequiredImages``), the tag only names the build."""
    project = ctx.surroundings.get("compose_project")
    merged = (project.services.get(service.name) if project is not None else None) or service
    if merged.build is None:
        return False
    policy = (text_of(merged.pull_policy) or "missing").lower()
    if policy in _BUILD_POLICIES:
        return True
    if policy not in ("missing", "if_not_present"):
        return False  # ``always``, ``daily``…: a registry is expected to serve it
    registry, repository = split_reference(reference)
    name = repository.lower().removeprefix("library/")
    local = registry is None and "/" not in name and name not in OFFICIAL_IMAGES
    return local and (tag is None or tag.lower() in floating)


class ComposeImageTag(Rule):
    """Service image has no explicit tag, or a floating one such as `latest`.

    ## Why is this bad?
    Without a tag Compose pulls `latest`, and `latest`-style tags (`stable`,
    `edge`, `nightly`…) move: the same file starts a different image from one
    day to the next, so a working setup can break, or change behaviour,
    without any change in the repository. A version tag (or a digest) makes
    what runs reproducible and reviewable. Images written with a variable are
    judged by the value from `.env`/`--env-file`; when that value is unknown
    the service is not reported. An image the project builds itself is not
    reported: a service with `build` and a `pull_policy` of `never` or
    `build`, or with `build` and a one-word image name that no registry
    serves (`image: myapp-dev`, `image: backend:latest`: not a Docker
    Official Image, no registry host): Compose's pull fails and it builds
    the image, whose tag only names the local build. Compose pulls (and
    then does not build) a name a registry may serve, so `build` with
    `image: alpine`, `acme/api` (a Docker Hub namespace) or
    `ghcr.io/acme/api`, or with `pull_policy: always`, is still reported.

    ## Example
    ```yaml
    services:
      cache:
        image: redis
    ```

    ## Use instead
    ```yaml
    services:
      cache:
        image: redis:7.4
    ```

    ## Options
    - `floating-tags` (list of strings): tags treated like `latest`. Default:
      latest, stable, edge, nightly, dev, beta, alpha, canary, lts, current, rolling.

    ## References
    - [Compose: image](https://docs.docker.com/reference/compose-file/services/#image)
    """

    code = "DC001"
    name = "compose-image-tag"
    severity = Severity.WARNING
    category = "best-practice"
    kind = "compose"
    aliases = ("service-image-require-explicit-tag", "CL-0004")

    class Options(Model):
        floating_tags: list[str] = field(default_factory=lambda: list(FLOATING_TAGS))

    def check_compose_service(self, ctx, service):
        image = service.image
        if image is None or not image.resolved or not isinstance(image.effective, str) or not image.effective:
            return
        reference = image.effective.strip()
        tag, digest = image_tag(reference)
        floating = {name.lower() for name in self.options.floating_tags}
        if digest is not None or _built_here(ctx, service, reference, tag, floating):
            return
        if tag is None:
            yield Violation(image.span, f"image {image.effective} of service {service.name} has no tag, so Compose pulls latest; pin a version")
        elif tag.lower() in floating:
            yield Violation(image.span, f"image {image.effective} of service {service.name} uses the floating tag {tag}; pin a version")
