package dev.latchkey.app.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.app.common.DevBroker;
import dev.latchkey.app.common.SameThreadTaskRunner;
import dev.latchkey.core.Latchkey;
import dev.latchkey.core.brokerapi.AccessRequest;
import dev.latchkey.core.brokerapi.AccessRequestForm;
import dev.latchkey.core.brokerapi.BrokerClient;
import dev.latchkey.testsupport.broker.BrokerProcess;
import dev.latchkey.testsupport.devidp.DevSignIn;
import java.time.Duration;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** "My requests" and the approvals inbox against a real dev broker: ada asks, grace decides. */
class AccessViewModelsTest {

    private static BrokerProcess broker;
    private static BrokerClient ada;
    private static BrokerClient grace;

    @BeforeAll
    static void start() throws Exception {
        broker = DevBroker.start();
        String a = DevSignIn.accessToken(broker.url(), "ada");
        String g = DevSignIn.accessToken(broker.url(), "grace");
        ada = Latchkey.brokerClient(broker.url(), () -> a);
        grace = Latchkey.brokerClient(broker.url(), () -> g);
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    private static AccessRequest askForProd(String why) throws Exception {
        return ada.requestAccess(AccessRequestForm.of("payments/prod", Duration.ofMinutes(30), why));
    }

    @Test
    void aDenialNeedsAReasonAndTheRequesterSeesIt() throws Exception {
        AccessRequest asked = askForProd("PAY-200 look at the refund queue");
        ApprovalsViewModel inbox = new ApprovalsViewModel(new SameThreadTaskRunner(), AccessBackend.over(grace));
        assertThat(inbox.reviewerProperty().get()).isFalse();
        inbox.refresh();
        assertThat(inbox.reviewerProperty().get()).as("grace reviews payments").isTrue();
        inbox.selectedProperty().set(inbox.pending().stream().filter(r -> r.id().equals(asked.id())).findFirst().orElseThrow());

        inbox.deny();
        assertThat(inbox.reasonProblemProperty().get()).isEqualTo("A reason is required to deny: Ada Lovelace (ada) reads it.");
        assertThat(inbox.reasonWantedProperty().get()).as("the view puts the cursor in the reason field").isEqualTo(1);
        assertThat(ada.accessRequest(asked.id()).state()).isEqualTo(AccessRequest.State.PENDING);
        assertThat(inbox.decided()).isEmpty();

        inbox.reasonProperty().set("use staging for this");
        assertThat(inbox.reasonProblemProperty().get()).isEmpty();
        inbox.reasonEntered(); // Enter in the reason field finishes the waiting Deny
        assertThat(inbox.messageProperty().get()).startsWith("Denied Ada Lovelace's request for payments/prod for 30m");
        assertThat(inbox.pending()).extracting(AccessRequest::id).doesNotContain(asked.id());
        assertThat(inbox.decided()).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo(asked.id());
            assertThat(r.state()).isEqualTo(AccessRequest.State.DENIED);
            assertThat(r.reason()).contains("use staging for this");
        });

        MyRequestsViewModel mine = new MyRequestsViewModel(new SameThreadTaskRunner(), AccessBackend.over(ada));
        mine.refresh();
        AccessRequest denied = mine.requests().stream().filter(r -> r.id().equals(asked.id())).findFirst().orElseThrow();
        assertThat(RequestText.status(denied, ZoneOffset.UTC)).isEqualTo("denied by grace");
        assertThat(denied.reason()).contains("use staging for this");
    }

    @Test
    void adaCancelsAPendingRequestButNotADecidedOne() throws Exception {
        AccessRequest asked = askForProd("PAY-201 check a migration");
        MyRequestsViewModel mine = new MyRequestsViewModel(new SameThreadTaskRunner(), AccessBackend.over(ada));
        mine.refresh();
        mine.selectedProperty().set(mine.requests().stream().filter(r -> r.id().equals(asked.id())).findFirst().orElseThrow());
        mine.cancel();
        assertThat(mine.messageProperty().get()).isEqualTo("Cancelled the request for payments/prod for 30m.");
        assertThat(ada.accessRequest(asked.id()).state()).isEqualTo(AccessRequest.State.CANCELLED);
        mine.selectedProperty().set(mine.requests().stream().filter(r -> r.id().equals(asked.id())).findFirst().orElseThrow());
        mine.cancel();
        assertThat(mine.messageProperty().get()).isEqualTo("Select a pending request to cancel.");
    }

    @Test
    void anApprovedGrantCanBeExtendedWithAReason() throws Exception {
        AccessRequest staging = ada.requestAccess(AccessRequestForm.of("payments/staging", Duration.ofHours(1),
                "PAY-202 load test"));
        assertThat(staging.state()).isEqualTo(AccessRequest.State.APPROVED);
        MyRequestsViewModel mine = new MyRequestsViewModel(new SameThreadTaskRunner(), AccessBackend.over(ada));
        mine.prepareExtension(staging.grant().orElseThrow().id()); // as a grant's warning or a launched app's Extend does
        assertThat(mine.selectedProperty().get().id()).isEqualTo(staging.id());
        assertThat(mine.messageProperty().get()).isEqualTo("Say why you need more time on payments/staging, then press Extend.");
        mine.extendByProperty().set("1h");
        mine.extend();
        assertThat(mine.messageProperty().get()).isEqualTo("Say why you need more time; reviewers read it.");
        mine.extendWhyProperty().set("PAY-202 the load test runs long");
        mine.extend();
        assertThat(mine.messageProperty().get()).startsWith("Asked to extend payments/staging by 1h: ");
        assertThat(mine.requests()).anySatisfy(r -> assertThat(r.extendsGrant()).isEqualTo(staging.grant().map(g -> g.id())));
    }
}
